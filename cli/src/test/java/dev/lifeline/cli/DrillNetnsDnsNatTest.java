package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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

    @TempDir
    Path tmp;

    @BeforeAll
    static void kernelLabAvailable() {
        NetnsDrillRun.assumeKernelLab();
    }

    private JsonNode drill(String scenario) throws Exception {
        return NetnsDrillRun.passing(scenario, tmp);
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
}
