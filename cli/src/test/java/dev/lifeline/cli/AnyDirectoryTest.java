package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a process started in a directory that is not the checkout: commands without
 * --config find the checkout's examples/site.yaml from where the program is, not from the
 * working directory (they used to fail with "cannot read examples/site.yaml").
 */
class AnyDirectoryTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String output) {
    }

    private Run lifeline(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("lifeline " + String.join(" ", args) + " finished within 120 s").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void noInstalledSite() {
        assumeFalse(Files.exists(SiteFiles.SYSTEM), SiteFiles.SYSTEM + " exists on this machine and would rightly be "
                + "read first; the checkout's example cannot be tested here");
    }

    @Test
    void a_drill_runs_from_a_temporary_directory_on_the_checkouts_example() throws Exception {
        noInstalledSite();
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), """
                name: tiny
                description: "Phones register, one second passes."
                settings:
                  phones: 1
                timeline:
                  - { at: 0s, action: wait, duration: 1s }
                slos:
                  - { name: calls dropped, metric: calls_dropped, comparator: "==", target: 0, unit: calls }
                """);

        Run r = lifeline("drill", "--scenario", scenario.toString(), "--out", tmp.resolve("report").toString());

        assertThat(r.output()).doesNotContain("cannot read");
        // The drill ran on the example: 0 or 1 is its verdict on this one-second scenario (the lab's business,
        // not this test's); 2 would be an error such as a site file not found.
        assertThat(r.exit()).as(r.output()).isIn(0, 1);
        assertThat(r.output()).containsPattern("against \\S*examples/site\\.yaml");
        assertThat(tmp.resolve("report/report.json")).exists();
    }

    @Test
    void qos_plan_runs_from_a_temporary_directory_too() throws Exception {
        noInstalledSite();
        Run r = lifeline("qos", "plan", "--uplink", "20mbit", "--downlink", "100mbit");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("# ==== Lifeline QoS plan from \\S*examples/site\\.yaml");
    }
}
