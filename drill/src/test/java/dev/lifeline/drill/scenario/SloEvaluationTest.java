package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SloEvaluationTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // comparator, target, measured, pass
                Arguments.of(Slo.Comparator.AT_MOST, 1.0, 0.8, true),
                Arguments.of(Slo.Comparator.AT_MOST, 1.0, 1.0, true),
                Arguments.of(Slo.Comparator.AT_MOST, 1.0, 1.0001, false),
                Arguments.of(Slo.Comparator.AT_LEAST, 3.8, 4.1, true),
                Arguments.of(Slo.Comparator.AT_LEAST, 3.8, 3.8, true),
                Arguments.of(Slo.Comparator.AT_LEAST, 3.8, 3.79, false),
                Arguments.of(Slo.Comparator.EQUAL, 0.0, 0.0, true),
                Arguments.of(Slo.Comparator.EQUAL, 0.0, 1.0, false),
                Arguments.of(Slo.Comparator.EQUAL, 0.3, 0.1 + 0.2, true),   // computed doubles
                Arguments.of(Slo.Comparator.EQUAL, 4.0, 4.01, false),
                Arguments.of(Slo.Comparator.AT_MOST, -1.0, -2.0, true));
    }

    @ParameterizedTest(name = "{1} {0} measured {2} -> {3}")
    @MethodSource("table")
    void judgesTheMeasurementAgainstTheTarget(Slo.Comparator comparator, double target, double measured, boolean pass) {
        Slo slo = new Slo("x", "some_metric", comparator, target, "s");
        SloResult result = slo.evaluate(Metrics.empty().with("some_metric", measured));

        assertThat(result.pass()).isEqualTo(pass);
        assertThat(result.measured()).hasValue(measured);
        assertThat(result.slo()).isEqualTo(slo);
    }

    @Test
    void aMissingMetricFailsAsNotMeasured() {
        Slo slo = Slo.atMost("detection", Metrics.DETECTION_S, 1, "s");
        SloResult result = SloResult.evaluate(slo, Metrics.of(Map.of(Metrics.AUDIO_GAP_S, 0.2)));

        assertThat(result.pass()).isFalse();
        assertThat(result.measured()).isEmpty();
        assertThat(result.reason()).isEqualTo("not measured");
    }

    @Test
    void reasonsShowTheMeasurementAgainstTheTarget() {
        Slo slo = Slo.atMost("detection", Metrics.DETECTION_S, 1, "s");

        assertThat(slo.evaluate(Metrics.empty().with(Metrics.DETECTION_S, 1.4237)).reason())
                .isEqualTo("1.42 s, expected <= 1 s");
        assertThat(slo.evaluate(Metrics.empty().with(Metrics.DETECTION_S, 0.82)).reason())
                .isEqualTo("0.82 s <= 1 s");
        assertThat(Slo.atMost("setup", Metrics.CALL_SETUP_P95_MS, 3000, "ms")
                .evaluate(Metrics.empty().with(Metrics.CALL_SETUP_P95_MS, 3250.4)).reason())
                .isEqualTo("3250 ms, expected <= 3000 ms");
        assertThat(Slo.equalTo("dropped", Metrics.CALLS_DROPPED, 0, "").describe()).isEqualTo("calls_dropped == 0");
    }

    @Test
    void metricsRefuseWhatCannotBeJudged() {
        assertThatThrownBy(() -> Metrics.empty().with(Metrics.MOS_MIN, Double.NaN))
                .hasMessageContaining("mos_min is NaN; expected a finite number (leave a metric out");
        assertThatThrownBy(() -> Metrics.empty().with("Detection Time", 1))
                .hasMessageContaining("\"Detection Time\" is not a metric name");
    }

    @Test
    void metricsKeepTheirOrderAndLaterValuesWin() {
        Metrics m = Metrics.empty().with("b", 1).with("a", 2).with(Metrics.empty().with("b", 3));

        assertThat(m.names()).containsExactly("b", "a");
        assertThat(m.get("b")).hasValue(3);
        assertThat(m.has("c")).isFalse();
    }

    @Test
    void sloValidationNamesTheField() {
        assertThatThrownBy(() -> new Slo("x", "detection-s", Slo.Comparator.AT_MOST, 1, "s"))
                .hasMessageContaining("metric \"detection-s\" is not a metric name");
        assertThatThrownBy(() -> new Slo("x", "detection_s", Slo.Comparator.AT_MOST, Double.POSITIVE_INFINITY, "s"))
                .hasMessageContaining("target must be a finite number");
        assertThatThrownBy(() -> new Slo(" ", "detection_s", Slo.Comparator.AT_MOST, 1, "s"))
                .hasMessageContaining("SLO name is empty");
    }
}
