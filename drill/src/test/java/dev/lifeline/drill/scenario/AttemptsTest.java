package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A zero count judged together with what it counts having happened as planned. */
class AttemptsTest {

    private static Scenario with(Slo... slos) {
        return new Scenario("zero", "a zero count", List.of(new Step(Duration.ZERO, new Action.Mark("start"))),
                List.of(slos), Map.of());
    }

    private static final Slo NO_CALL_FAILED = Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls");

    @Test
    void noCallFailedCannotPassWhenNoCallWasPlaced() {
        Metrics nothingPlaced = Metrics.empty().with(Metrics.CALLS_PLANNED, 2).with(Metrics.CALLS_ATTEMPTED, 0)
                .with(Metrics.CALLS_FAILED, 0);

        ScenarioResult r = ScenarioResult.judge(with(NO_CALL_FAILED), nothingPlaced);

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.slos()).extracting(s -> s.slo().name(), SloResult::pass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("calls failed", true),
                        org.assertj.core.groups.Tuple.tuple("calls attempted as planned", false));
        assertThat(r.slos().get(1).reason()).isEqualTo("0 calls, expected == 2 calls");
    }

    @Test
    void everyPlannedCallAttemptedLetsTheZeroCountStand() {
        Metrics placed = Metrics.empty().with(Metrics.CALLS_PLANNED, 2).with(Metrics.CALLS_ATTEMPTED, 2)
                .with(Metrics.CALLS_FAILED, 0);

        assertThat(ScenarioResult.judge(with(NO_CALL_FAILED), placed).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aZeroCountOverNothingPlannedFails() {
        Metrics none = Metrics.empty().with(Metrics.CALLS_PLANNED, 0).with(Metrics.CALLS_ATTEMPTED, 0)
                .with(Metrics.CALLS_FAILED, 0);

        ScenarioResult r = ScenarioResult.judge(with(NO_CALL_FAILED), none);

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.slos().get(1).slo().describe()).isEqualTo("calls_planned >= 1 calls");
    }

    @Test
    void droppedCallsCountEveryKindOfCallTheTimelinePlans() {
        Slo noneDropped = Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls");
        Metrics inboundOnly = Metrics.empty().with(Metrics.CALLS_DROPPED, 0)
                .with(Metrics.CALLS_PLANNED, 0).with(Metrics.CALLS_ATTEMPTED, 0)
                .with(Metrics.INBOUND_PLANNED, 4).with(Metrics.INBOUND_ATTEMPTED, 3)
                .with(Metrics.EMERGENCY_PLANNED, 1).with(Metrics.EMERGENCY_ATTEMPTED, 1);

        ScenarioResult r = ScenarioResult.judge(with(noneDropped), inboundOnly);

        assertThat(r.slos()).extracting(s -> s.slo().name()).containsExactly("calls dropped",
                "inbound calls attempted as planned", "emergency calls attempted as planned");
        assertThat(r.slos()).extracting(SloResult::pass).containsExactly(true, false, true);
    }

    @Test
    void noFailoverWithoutAReasonNeedsAFailover() {
        Slo named = Slo.equalTo("failover reason named", Metrics.FAILOVERS_WITHOUT_REASON, 0, "failovers");

        assertThat(ScenarioResult.judge(with(named), Metrics.empty().with(Metrics.FAILOVERS_WITHOUT_REASON, 0)
                .with(Metrics.FAILOVERS, 0)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ScenarioResult.judge(with(named), Metrics.empty().with(Metrics.FAILOVERS_WITHOUT_REASON, 0)
                .with(Metrics.FAILOVERS, 1)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aCheckTheScenarioStatesItselfIsNotAddedAgain() {
        Slo own = Slo.atLeast("calls placed", Metrics.CALLS_ATTEMPTED, 1, "calls");
        Metrics m = Metrics.empty().with(Metrics.CALLS_PLANNED, 2).with(Metrics.CALLS_ATTEMPTED, 1)
                .with(Metrics.CALLS_FAILED, 0);

        assertThat(ScenarioResult.judge(with(NO_CALL_FAILED, own), m).slos()).extracting(s -> s.slo().name())
                .containsExactly("calls failed", "calls placed");
    }

    @Test
    void countsThatAreNotZeroTargetsAddNothing() {
        Slo fewFailed = Slo.atMost("few failed", Metrics.CALLS_FAILED, 2, "calls");

        assertThat(ScenarioResult.judge(with(fewFailed), Metrics.empty().with(Metrics.CALLS_FAILED, 1)).slos())
                .hasSize(1);
    }
}
