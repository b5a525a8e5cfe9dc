package dev.lifeline.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text from the policy and the router becomes a small fixed set of label values. */
class MetricLabelsTest {

    @Test
    void switchReasonsNameWhatTookThePathDown() {
        assertThat(MetricLabels.switchReason("", "wan1", "wan1 is the preferred path (assumed up at start)")).isEqualTo("start");
        assertThat(MetricLabels.switchReason("wan1", "wan2", "wan1 down: quality probes silent for 600 ms"))
                .isEqualTo("probes_silent");
        assertThat(MetricLabels.switchReason("wan1", "wan2", "wan1 down: 3 OPTIONS probes failed in a row (last: timeout)"))
                .isEqualTo("options_failed");
        assertThat(MetricLabels.switchReason("wan1", "wan2", "wan1 down: R 52 below floor 70 for 5 s"))
                .isEqualTo("quality_floor");
        // A confirmed suspicion names its first cause; the OPTIONS burst that confirmed it comes after.
        assertThat(MetricLabels.switchReason("wan1", "wan2", "wan1 down: no audio from the provider on 2 calls for 700 ms"
                + " while the phones kept sending, and nothing came back on it during 1 s of confirmation probes"
                + " (OPTIONS)")).isEqualTo("media_silent");
        assertThat(MetricLabels.switchReason("wan2", "wan1", "failback to wan1 (preferred, up: healthy for 10 s)"))
                .isEqualTo("failback");
        assertThat(MetricLabels.switchReason("", "wan2", "wan2 up: healthy for 10 s")).isEqualTo("recovered");
        assertThat(MetricLabels.switchReason("wan2", "", "wan2 down: quality probes silent for 600 ms")).isEqualTo("all_down");
        assertThat(MetricLabels.switchReason("wan1", "wan2", "hold-down reset: something new")).isEqualTo("other");
    }

    @Test
    void routesSplitIntoKindAndTrunk() {
        assertThat(MetricLabels.routeKind("trunk provider")).isEqualTo("trunk");
        assertThat(MetricLabels.routeTrunk("trunk provider")).isEqualTo("provider");
        assertThat(MetricLabels.routeKind("emergency via provider")).isEqualTo("emergency");
        assertThat(MetricLabels.routeTrunk("emergency via provider")).isEqualTo("provider");
        assertThat(MetricLabels.routeKind("group 600")).isEqualTo("group");
        assertThat(MetricLabels.routeTrunk("group 600")).isEmpty();
        assertThat(MetricLabels.routeKind("rejected 404")).isEqualTo("rejected");
        assertThat(MetricLabels.routeKind("something new")).isEqualTo("other");
    }

    @Test
    void outcomesAndStates() {
        assertThat(MetricLabels.outcome(200)).isEqualTo("answered");
        assertThat(MetricLabels.outcome(486)).isEqualTo("busy");
        assertThat(MetricLabels.outcome(487)).isEqualTo("cancelled");
        assertThat(MetricLabels.outcome(480)).isEqualTo("no_answer");
        assertThat(MetricLabels.outcome(404)).isEqualTo("rejected");
        assertThat(MetricLabels.outcome(503)).isEqualTo("failed");
        assertThat(MetricLabels.outcome(0)).isEqualTo("failed");
        assertThat(MetricLabels.pathState("recovering")).isEqualTo(2);
        assertThat(MetricLabels.pathState("suspect")).isNaN();
        assertThat(MetricLabels.trunkState("AVAILABLE")).isEqualTo(1);
        assertThat(MetricLabels.trunkState("unavailable")).isEqualTo(2);
        assertThat(MetricLabels.trunkState("disabled")).isZero();
        assertThat(MetricLabels.certificateSeverity("invalid")).isEqualTo(3);
    }
}
