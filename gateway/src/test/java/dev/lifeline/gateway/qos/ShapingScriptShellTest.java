package dev.lifeline.gateway.qos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaping scripts as /bin/sh reads them: they parse ({@code sh -n}), and without WAN_DEV
 * they stop before any tc command, naming what to set. (Running the tc commands needs the
 * sch_cake/fq_codel modules on a real router; they are not executed here.)
 */
class ShapingScriptShellTest {

    @TempDir
    Path tmp;

    private record Result(int exit, String output) {
    }

    private Result sh(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(args)).redirectErrorStream(true);
        pb.environment().remove("WAN_DEV");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Shaper.class)
    void the_script_parses_and_refuses_to_guess_the_interface(Shaper shaper) throws Exception {
        PlanOptions o = new PlanOptions(LinkRate.parse("20mbit"), LinkRate.parse("100mbit"), shaper,
                List.of(CodecUse.parse("g711")), 0.25, 0.95);
        String script = QosPlanner.plan(QosSites.example(), Optional.of("wan1"), o).shaping().get("wan1");
        Path file = Files.writeString(tmp.resolve("shape-wan1.sh"), script);

        Result syntax = sh(Map.of(), "sh", "-n", file.toString());
        assertThat(syntax.exit()).as(syntax.output()).isZero();

        Result unset = sh(Map.of("PATH", "/nonexistent"), "/bin/sh", file.toString());
        assertThat(unset.exit()).isNotZero();
        assertThat(unset.output()).contains("set WAN_DEV to the router's interface for path wan1")
                .doesNotContain("not found"); // it stopped before calling ip or tc
    }
}
