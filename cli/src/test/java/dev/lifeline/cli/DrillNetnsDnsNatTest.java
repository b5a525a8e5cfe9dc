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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS and NAT faults made by the kernel-level lab, end to end as root, one scenario per run:
 * dns-failure (a resolver stopped, then answering SERVFAIL from a real dnsmasq, then the other
 * path's resolver stopped and the primary link down) and nat-timeout (conntrack flushed, then the
 * ISP's masquerade moved to other ports, with 5 s/10 s conntrack UDP timeouts). Skipped (with the
 * reason) where the kernel-level lab cannot run.
 */
class DrillNetnsDnsNatTest {

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

    private JsonNode drill(String scenario) throws Exception {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("drill", "--netns", "--scenario", scenario, "--config", EXAMPLE.toString(), "--out", tmp.toString());
        assertThat(tmp.resolve("report.json")).as("report written; output:%n%s%n%s", out, err).exists();
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).get("scenarios").get(0);
        assertThat(s.get("verdict").asText()).as("verdict; SLOs %s%nreading: %s%nmetrics: %s", s.get("slos"),
                s.get("reading"), s.get("metrics")).isEqualTo("pass");
        assertThat(code).as("exit status; output:%n%s%n%s", out, err).isZero();
        assertThat(namespacesOfThisProcess()).as("namespaces left behind").isEmpty();
        return s;
    }

    @Test
    void dnsFailureServfailOnTheWireAndTheTrunkMovesOnStaleAnswers() throws Exception {
        JsonNode s = drill("dns-failure");

        String reading = s.get("reading").asText();
        // The rcode claimed is the one the site got: read from the ISP-side capture, not from the step.
        assertThat(reading).containsPattern("resolver 198\\.18\\.0\\.53 answered 10\\.201\\.1\\.2 [^;]*SERVFAIL ×[1-9][0-9]* "
                + "\\(first at [0-9.]+ s\\) \\(capture at isp1's veth site1, wan1\\.pcap\\)");
        assertThat(s.get("events").toString()).contains("answers SERVFAIL: nft DNAT in inet").contains("stopped by SIGSTOP")
                .contains("link down: ip link set wan1 down");
        assertThat(s.get("metrics").get("registration_recovery_s").asDouble()).isPositive().isLessThanOrEqualTo(4);
        assertThat(s.get("metrics").get("calls_completed").asDouble()).isGreaterThanOrEqualTo(5);
        assertThat(s.get("slos").toString()).contains("wan2.pcap");
        assertThat(reading).doesNotContain("Left out here");
    }

    @Test
    void natTimeoutInboundCallsArriveAfterTheIspMovesThePortsAndTheProviderSawTheNewPort() throws Exception {
        JsonNode s = drill("nat-timeout");

        String reading = s.get("reading").asText();
        assertThat(s.get("metrics").get("inbound_delivered").asDouble()).isGreaterThanOrEqualTo(4);
        assertThat(s.get("events").toString()).contains("conntrack -F in").contains("masquerade maps UDP/TCP to ports 40000-40999");
        assertThat(reading).contains("Conntrack UDP timeouts in isp1 and isp2 for this scenario: 5 s unreplied, 10 s assured");
        // The re-map really happened: the provider got a REGISTER from a port in the new range, and answered it.
        assertThat(reading).containsPattern("the provider got a REGISTER from 100\\.64\\.1\\.2:40[0-9]{3} [0-9.]+ s later, its 200 OK");
        assertThat(reading).contains("SLO one-way audio").contains("does not latch").containsPattern("one-way audio on [0-9]+ of [0-9]+");
    }

    private static List<String> namespacesOfThisProcess() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String mine = "lifeline-" + ProcessHandle.current().pid() + "-";
        return list.lines().map(l -> l.split(" ")[0]).filter(l -> l.startsWith(mine)).toList();
    }
}
