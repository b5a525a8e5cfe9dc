package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.netns.Preflight;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifeline drill --netns} end to end, as root: namespaces, Kamailio, dnsmasq, tcpdump and
 * the gateway as a child process, faults by the kernel. Skipped (with the reason) where the lab
 * cannot run: not Linux, not root, a program missing.
 */
class DrillNetnsTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void kernelLabAvailable() {
        Optional<String> problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    private int run(String... args) {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void quickSuitePassesAndLeavesNothingBehind() throws Exception {
        String stale = "lifeline-" + deadPid() + "-0001-site";   // as a run killed with SIGKILL would leave it
        new ProcessBuilder("ip", "netns", "add", stale).inheritIO().start().waitFor();

        int code = run("drill", "--netns", "--quick", "--config", EXAMPLE.toString(), "--out", tmp.toString());

        assertThat(code).as("exit status; output:%n%s%n%s", out, err).isZero();
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
        List<String> passed = new ArrayList<>();
        for (JsonNode s : report.get("scenarios")) {
            if (s.get("verdict").asText().equals("pass")) {
                passed.add(s.get("name").asText());
            }
            for (JsonNode slo : s.get("slos")) {
                assertThat(slo.get("measured").asText()).as("every figure names its observation point").contains(".pcap");
            }
        }
        assertThat(passed).containsExactly("wan-total-loss", "wan-total-loss-field", "wan-loss-idle-field");
        for (String scenario : passed) {
            assertThat(tmp.resolve("netns").resolve(scenario).resolve("wan1.pcap")).isNotEmptyFile();
            assertThat(tmp.resolve("netns").resolve(scenario).resolve("wan2.pcap")).isNotEmptyFile();
        }
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
        assertThat(netnsList()).as("a dead run's namespace is removed at start").doesNotContain(stale);
        assertThat(report.get("notes").toString()).contains("Stays in-process: wan-degradation");
    }

    @Test
    void aSignalMidRunStopsEveryLabProgramAndRemovesTheNamespaces() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Path log = tmp.resolve("drill.log");
        Process drill = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "drill",
                "--netns", "--scenario", "wan-total-loss", "--config", EXAMPLE.toString(), "--out", tmp.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("registered with the gateway") && drill.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).as("the lab came up").contains("registered with the gateway");
            String prefix = "lifeline-" + drill.pid() + "-";
            List<Long> programs = new ArrayList<>();
            for (String ns : netnsList().stream().filter(n -> n.startsWith(prefix)).toList()) {
                Process p = new ProcessBuilder("ip", "netns", "pids", ns).start();
                new String(p.getInputStream().readAllBytes()).lines().forEach(l -> programs.add(Long.parseLong(l.strip())));
                p.waitFor();
            }
            assertThat(programs).as("gateway, kamailio, dnsmasq, tcpdump, baresip running in the lab").hasSizeGreaterThan(6);

            drill.destroy();   // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
            assertThat(drill.waitFor(40, TimeUnit.SECONDS)).as("the drill stopped").isTrue();

            assertThat(netnsList()).noneMatch(n -> n.startsWith(prefix));
            assertThat(programs).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(Files.readString(log)).contains("stopped by a signal");
        } finally {
            drill.destroyForcibly();
        }
    }

    /** The pid of a process that has exited (not reused within the test's seconds on any ordinary system). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void gatewayThatDetectsSlowlyFails() throws Exception {
        // No suspicion from a late probe, no confirmation burst, ten failed OPTIONS to go down: ~10 s.
        String slow = Files.readString(EXAMPLE)
                .replaceAll("(?m)^  suspectAfter: \\S+", "  suspectAfter: 0s")
                .replaceAll("(?m)^  confirmWindow: \\S+", "  confirmWindow: 0s")
                .replaceAll("(?m)^  optionsFailuresToDown: \\S+", "  optionsFailuresToDown: 10");
        assertThat(slow).contains("optionsFailuresToDown: 10").contains("suspectAfter: 0s");
        Path site = Files.writeString(tmp.resolve("slow-site.yaml"), slow);

        int code = run("drill", "--netns", "--scenario", "wan-loss-idle-field", "--config", site.toString(),
                "--out", tmp.resolve("out").toString());

        assertThat(code).as("exit status; output:%n%s%n%s", out, err).isEqualTo(1);
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("out").resolve("report.json").toFile()).get("scenarios").get(0);
        assertThat(s.get("verdict").asText()).isEqualTo("fail");
        assertThat(s.get("slos").get(0).get("name").asText()).isEqualTo("detection");
        assertThat(s.get("slos").get(0).get("pass").asBoolean()).isFalse();
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
    }

    private static List<String> namespacesOfThisProcess() throws Exception {
        String mine = "lifeline-" + ProcessHandle.current().pid() + "-";
        return netnsList().stream().filter(l -> l.startsWith(mine)).toList();
    }

    private static List<String> netnsList() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return list.lines().map(l -> l.split(" ")[0]).toList();
    }
}
