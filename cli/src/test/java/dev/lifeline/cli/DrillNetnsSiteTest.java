package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.netns.CaptureFigures;
import dev.lifeline.drill.netns.NetnsPlan;
import dev.lifeline.drill.netns.NetnsSiteDrill;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifeline drill --netns --site}: the kernel-level lab stands in for a real site and the
 * site drill runs on its gateway host (the site namespace), against the gateway's admin API and
 * its own fault injector. As root only; skipped (with the reason) where the lab cannot run.
 */
class DrillNetnsSiteTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void kernelLabAvailable() {
        Optional<String> problem = NetnsSiteDrill.preflight();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    @Test
    void theSiteDrillPassesAgainstTheLabsGatewayAndLeavesNothingBehind() throws Exception {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute("drill", "--netns", "--site", "--config", EXAMPLE.toString(), "--out", tmp.toString());

        assertThat(code).as("exit status; output:%n%s%n%s", out, err).isZero();
        assertThat(verdicts(tmp.resolve("report.json"))).containsExactly(
                Map.entry("site-dns-per-path", "pass"), Map.entry("site-inbound-during-failover", "pass"),
                Map.entry("site-media-loss", "pass"), Map.entry("site-path-cut", "pass"),
                Map.entry("site-registration-recovery", "pass"));
        assertThat(tmp.resolve("report.html")).isNotEmptyFile();
        Path captures = tmp.resolve("netns").resolve("site-drill");
        assertThat(captures.resolve("wan1.pcap")).isNotEmptyFile();
        assertThat(captures.resolve("wan2.pcap")).isNotEmptyFile();
        assertThat(out.toString()).contains("detection (the site's first SIP request on wan2 after the cut, seen in");
        JsonNode cut = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).get("scenarios").get(0);
        assertThat(cut.get("metrics").get("detection_s").asDouble()).as("detection read from wan2.pcap").isBetween(0.0, 5.0);
        assertThat(cut.get("metrics").get("detection_gateway_s").asDouble()).isBetween(0.0, 1.0);
        JsonNode restart = scenario(tmp.resolve("report.json"), "site-registration-recovery");
        JsonNode m = restart.get("metrics");
        assertThat(m.get("bindings_before").asDouble()).as("bindings listed before the restart").isGreaterThanOrEqualTo(2);
        assertThat(m.get("bindings_lost").asDouble()).as("bindings lost by the restart").isZero();
        assertThat(m.get("bindings_kept").asDouble()).isEqualTo(m.get("bindings_before").asDouble());
        assertThat(m.get("trunk_registered_gateway_s").asDouble()).as("trunk back, gateway's word").isBetween(0.0, 30.0);
        assertThat(m.get("service_back_s").asDouble()).as("test phone's REGISTER answered again").isBetween(0.0, 30.0);
        assertThat(m.get("test_call_answered").asDouble()).as("test call answered after the restart").isEqualTo(1.0);
        assertThat(m.get("reregister_attempts").asDouble()).as("REGISTERs the test phone sent while it was away")
                .isGreaterThan(1);
        Path lab = tmp.resolve("netns").resolve("site-drill");
        Optional<Long> restarted = dev.lifeline.drill.netns.NetnsLab.gatewayPid(lab);
        assertThat(restarted).as("the restarted gateway's PID file").isPresent();
        assertThat(Files.readString(lab.resolve("gateway.log"))).as("the gateway started twice")
                .containsPattern("(?s)Lifeline gateway '[^']*' running.*Lifeline gateway '[^']*' running");
        assertThat(dev.lifeline.drill.netns.NetnsLab.running(restarted.get()))
                .as("the restarted gateway (pid %s) still running after the lab closed", restarted.get()).isFalse();
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
    }

    private static JsonNode scenario(Path report, String name) throws Exception {
        for (JsonNode s : new ObjectMapper().readTree(report.toFile()).get("scenarios")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no scenario " + name + " in " + report);
    }

    @Test
    void aDrillKilledDuringTheCutLeavesNoFaultBehindAndTheNextRunPasses() throws Exception {
        List<String> progress = new ArrayList<>();
        List<String> launcher = DrillCommand.launcher();
        try (NetnsSiteDrill site = NetnsSiteDrill.start(tmp.resolve("lab"), launcher, Files.readString(EXAMPLE),
                progress::add)) {
            Path log = tmp.resolve("killed.log");
            Process drill = site.startDrill(launcher, tmp.resolve("killed"), log);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains(" cut for ") && drill.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).as("the drill reached the path cut").contains(" cut for ");
            List<String> during = site.activeFaults();
            assertThat(during).as("the gateway's fault list during the cut").hasSize(1);

            drill.destroyForcibly();   // SIGKILL: no shutdown hook, no clean-up request reaches the gateway
            assertThat(drill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Instant killed = Instant.now();
            assertThat(site.activeFaults()).as("the fault outlives the drill until its deadline").isEqualTo(during);

            Instant deadline = site.pathCutStarted().orElseThrow().plus(NetnsSiteDrill.CUT_FOR);
            List<String> left = during;
            for (int i = 0; i < 100 && !left.isEmpty(); i++) {   // bounded: the deadline plus 10 s at most
                Thread.sleep(200);
                left = site.activeFaults();
                if (Instant.now().isAfter(deadline.plusSeconds(10))) {
                    break;
                }
            }
            assertThat(left).as("faults left once the deadline passed").isEmpty();
            assertThat(Instant.now()).isAfter(deadline);

            Optional<CaptureFigures.Sighting> back = Optional.empty();
            for (int i = 0; i < 150 && back.isEmpty(); i++) {   // bounded: holdDown and a re-REGISTER, 30 s at most
                Thread.sleep(200);
                back = site.registeredOverWan1(deadline);
            }
            assertThat(back).as("the provider's 200 OK to the trunk's REGISTER over wan1 after the deadline, in %s",
                    site.lab().capture(NetnsPlan.WAN1)).isPresent();
            assertThat(back.get().at()).isAfter(killed.minusSeconds(1));
            assertThat(site.activePath()).as("the gateway's own word: the preferred path is active again").contains("wan1");

            int code = site.runDrill(launcher, tmp.resolve("after"));
            assertThat(code).as("a fresh site drill after the killed one; progress:%n%s", String.join("\n", progress)).isZero();
            assertThat(verdicts(tmp.resolve("after").resolve("report.json"))).allSatisfy((name, v) -> assertThat(v).isEqualTo("pass"));
            assertThat(site.activeFaults()).isEmpty();
        }
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
    }

    private static Map<String, String> verdicts(Path report) throws Exception {
        Map<String, String> v = new TreeMap<>();
        for (JsonNode s : new ObjectMapper().readTree(report.toFile()).get("scenarios")) {
            v.put(s.get("name").asText(), s.get("verdict").asText());
        }
        return v;
    }

    private static List<String> namespacesOfThisProcess() throws Exception {
        String mine = "lifeline-" + ProcessHandle.current().pid() + "-";
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return list.lines().map(l -> l.split(" ")[0]).filter(l -> l.startsWith(mine)).toList();
    }
}
