package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults made by the kernel besides a cut, end to end as root: nft {@code numgen random} loss with
 * a 300 ms silent cut (no failover may follow), and a firewall rule dropping SIP only (the gateway
 * must move). Skipped (with the reason) where the kernel-level lab cannot run.
 */
class DrillNetnsFaultsTest {

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
    void randomLossAndAHiccupByTheKernelCauseNoFailover() throws Exception {
        JsonNode s = drill("wan-noise-field");

        assertThat(s.get("metrics").get("failovers").asDouble()).isZero();
        assertThat(s.get("metrics").get("calls_dropped").asDouble()).isZero();
        String events = s.get("events").toString();
        assertThat(events).contains("numgen random drop").contains("nft loss rule removed").contains("silent cut");
        assertThat(s.get("slos").toString()).contains("wan1.pcap and wan2.pcap");
        // The kernel really dropped about 3 %: ~250 media packets each way in 5 s, so 0.5..9 % is many
        // standard deviations wide, and a rule that dropped nothing (or everything) fails.
        var m = java.util.regex.Pattern.compile("observed down ([0-9.]+) % \\((\\d+) of (\\d+) packets")
                .matcher(s.get("reading").asText());
        assertThat(m.find()).as("reading: %s", s.get("reading").asText()).isTrue();
        assertThat(Integer.parseInt(m.group(3))).isGreaterThan(100);
        assertThat(Double.parseDouble(m.group(1))).isBetween(0.5, 9.0);
    }

    @Test
    void aFirewallDroppingSipOnlyIsDetectedFromTheCaptures() throws Exception {
        JsonNode s = drill("sip-port-blocked");

        assertThat(s.get("metrics").get("detection_s").asDouble()).isPositive().isLessThanOrEqualTo(5);
        assertThat(s.get("metrics").get("failovers").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(s.get("events").toString()).contains("SIP blocked: nft drop of port 5060").contains("nft SIP block removed");
        assertThat(s.get("metrics").get("inbound_delivered").asDouble()).as("calls to the DID through wan2").isGreaterThanOrEqualTo(2);
        assertThat(s.get("reading").asText()).contains("Left out here: SLO failover reason named");
    }
}
