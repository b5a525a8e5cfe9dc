package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private final Scenario scenario = BuiltInSuite.byName("wan-total-loss").orElseThrow();

    private static Metrics good() {
        return Metrics.empty().with(Metrics.DETECTION_S, 0.7).with(Metrics.REGISTRATION_RECOVERY_S, 1.3)
                .with(Metrics.AUDIO_GAP_S, 1.1).with(Metrics.CALLS_DROPPED, 0).with(Metrics.FAILBACK_S, 11.2)
                .with(Metrics.CALLS_PLANNED, 1).with(Metrics.CALLS_ATTEMPTED, 1).with(Metrics.INBOUND_PLANNED, 0)
                .with(Metrics.EMERGENCY_PLANNED, 0);
    }

    @Test
    void passWhenEverySloHolds() {
        ScenarioResult result = ScenarioResult.judge(scenario, good());

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        // Its own SLOs, and that the call whose drops are counted was placed.
        assertThat(result.slos()).hasSize(scenario.slos().size() + 1).allMatch(SloResult::pass);
        assertThat(result.slos().getLast().slo().name()).isEqualTo("calls attempted as planned");
        assertThat(result.error()).isEmpty();
    }

    @Test
    void failWhenOneSloDoesNot() {
        ScenarioResult result = ScenarioResult.judge(scenario, good().with(Metrics.AUDIO_GAP_S, 2.4));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(r -> !r.pass()).extracting(r -> r.slo().name())
                .containsExactly("audio gap");
    }

    @Test
    void failWhenAMetricWasNotMeasured() {
        Metrics partial = Metrics.empty().with(Metrics.DETECTION_S, 0.7);

        assertThat(ScenarioResult.judge(scenario, partial).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void errorWhenTheRunFailedWhateverTheMeasurements() {
        ScenarioResult result = ScenarioResult.error(scenario, good(), "the lab could not bind 127.0.0.11");

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.error()).hasValue("the lab could not bind 127.0.0.11");
        assertThat(result.slos()).allMatch(SloResult::pass);
    }

    @Test
    void verdictRules() {
        SloResult pass = Slo.atMost("a", "a", 1, "").evaluate(Metrics.empty().with("a", 0));
        SloResult fail = Slo.atMost("a", "a", 1, "").evaluate(Metrics.empty().with("a", 2));

        assertThat(Verdict.of(List.of())).isEqualTo(Verdict.PASS);
        assertThat(Verdict.of(List.of(pass, pass))).isEqualTo(Verdict.PASS);
        assertThat(Verdict.of(List.of(pass, fail))).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.of(List.of(pass), true)).isEqualTo(Verdict.ERROR);
        assertThat(Verdict.of(List.of(fail), false)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theSuiteExitsWithItsWorstVerdict() {
        assertThat(Verdict.worst(List.of())).isEqualTo(Verdict.PASS);
        assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.PASS)).exitCode()).isZero();
        assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.FAIL)).exitCode()).isEqualTo(1);
        assertThat(Verdict.worst(List.of(Verdict.ERROR, Verdict.FAIL, Verdict.PASS)).exitCode()).isEqualTo(2);
        assertThat(Verdict.FAIL.jsonName()).isEqualTo("fail");
    }

    @Test
    void aResultCannotClaimAVerdictItsSlosContradict() {
        SloResult fail = Slo.atMost("a", "a", 1, "").evaluate(Metrics.empty().with("a", 2));

        assertThatThrownBy(() -> new ScenarioResult("x", Verdict.PASS, Metrics.empty(), List.of(fail),
                Optional.empty())).hasMessageContaining("does not follow");
    }
}
