package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A metric's name carries its unit, and the report prints it by that. */
class MetricUnitTest {

    @ParameterizedTest
    @CsvSource({
        "detection_s, s",
        "call_setup_p95_ms, ms",
        "loss_max_pct, %",
        "heard_loss_3_pct, %",
        "mos_min, MOS",
        "mos_cqe_at_loss_3_pct, MOS",
        "mos_g107_at_loss_5_pct, MOS",
        "calls_failed, ''",
        "hangups_lost, ''"})
    void theNameSaysTheUnit(String metric, String unit) {
        assertThat(Metrics.unit(metric)).isEqualTo(unit);
    }
}
