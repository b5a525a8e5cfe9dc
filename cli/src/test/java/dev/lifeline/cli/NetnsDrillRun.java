package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.netns.Preflight;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One built-in scenario through {@code lifeline drill --netns --scenario NAME}, as the root-only
 * tests run it: the exit status, what it printed and the scenario's report, and the checks every
 * such run shares (report written, no namespace of this process left behind).
 */
record NetnsDrillRun(int exit, String output, JsonNode scenario) {

    static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    /** Skips the calling test, with the reason, where the kernel-level lab cannot run. */
    static void assumeKernelLab() {
        Optional<String> problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    /** Runs {@code scenario} on {@code site} into {@code out}; the report is written and no namespace is left. */
    static NetnsDrillRun run(String scenario, Path site, Path out) throws Exception {
        StringWriter text = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        int code = cl.execute("drill", "--netns", "--scenario", scenario, "--config", site.toString(), "--out", out.toString());
        assertThat(out.resolve("report.json")).as("report written; output:%n%s", text).exists();
        JsonNode s = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("scenarios").get(0);
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
        return new NetnsDrillRun(code, text.toString(), s);
    }

    /** As {@link #run} on the example site, and the scenario passed with exit status 0. */
    static JsonNode passing(String scenario, Path out) throws Exception {
        NetnsDrillRun r = run(scenario, EXAMPLE, out);
        JsonNode s = r.scenario();
        assertThat(s.get("verdict").asText()).as("verdict; SLOs %s%nreading: %s%nmetrics: %s%nevents: %s", s.get("slos"),
                s.get("reading"), s.get("metrics"), s.get("events")).isEqualTo("pass");
        assertThat(r.exit()).as("exit status; output:%n%s", r.output()).isZero();
        return s;
    }

    /** The namespaces whose names say this test JVM made them. */
    static List<String> namespacesOfThisProcess() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String mine = "lifeline-" + ProcessHandle.current().pid() + "-";
        return list.lines().map(l -> l.split(" ")[0]).filter(l -> l.startsWith(mine)).toList();
    }
}
