package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.site.SiteDrill;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetnsSiteDrillTest {

    private static final Instant CUT = Instant.parse("2026-12-06T22:50:21.299Z");

    private static DrillReport report() {
        ScenarioReport cut = ScenarioReport.completed(SiteDrill.PATH_CUT, Map.of(Metrics.DETECTION_GATEWAY_S, 0.607),
                List.of(SloLine.atMost(Metrics.DETECTION_GATEWAY_S, 1.0, 0.607)), List.of(), List.of());
        ScenarioReport dns = ScenarioReport.completed(SiteDrill.DNS_PER_PATH, Map.of("dns_targets_wan1", 1.0),
                List.of(SloLine.atLeast("dns_targets_wan1", 1, 1.0)), List.of(), List.of());
        return new DrillReport("site", CUT.minusSeconds(10), "site.yaml", List.of(cut, dns), List.of("gateway's word"));
    }

    @Test
    void theCapturesFiguresJoinThePathCutNextToTheGatewaysWordAndANoteSaysWhereTheyWereSeen() {
        var moved = new CaptureFigures.Sighting(CUT.plusMillis(620), "REGISTER to 198.18.0.10");
        var registered = new CaptureFigures.Sighting(CUT.plusMillis(640), "200 OK");

        DrillReport r = NetnsSiteDrill.withCaptureFigures(report(), CUT, Optional.of(moved), Optional.of(registered), "wan2.pcap");

        ScenarioReport cut = r.scenario(SiteDrill.PATH_CUT).orElseThrow();
        assertThat(cut.metrics()).containsEntry(Metrics.DETECTION_S, 0.62).containsEntry(Metrics.REGISTRATION_RECOVERY_S, 0.64)
                .containsEntry(Metrics.DETECTION_GATEWAY_S, 0.607);
        assertThat(cut.slos()).as("the SLOs still judge the gateway's word only").hasSize(1);
        assertThat(r.scenario(SiteDrill.DNS_PER_PATH).orElseThrow().metrics()).doesNotContainKey(Metrics.DETECTION_S);
        assertThat(r.notes()).hasSize(2).last().asString().contains("wan2.pcap").contains(Metrics.DETECTION_S);
    }

    @Test
    void withNothingSeenOnWan2TheReportIsUnchanged() {
        DrillReport before = report();

        assertThat(NetnsSiteDrill.withCaptureFigures(before, CUT, Optional.empty(), Optional.empty(), "wan2.pcap"))
                .isEqualTo(before);
    }
}
