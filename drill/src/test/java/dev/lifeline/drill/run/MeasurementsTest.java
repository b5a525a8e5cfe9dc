package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.Observations.heard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Measurements#of} on synthetic observations: what each figure is made of, edge cases first. */
class MeasurementsTest {

    private static double value(Metrics m, String name) {
        OptionalDouble v = m.get(name);
        assertThat(v).as("%s in %s", name, m.values()).isPresent();
        return v.getAsDouble();
    }

    @Nested
    class LossSteps {

        /** loss-audio-quality as built in: steps at 1, 9, 17, 25 s (0, 1, 3, 5 %), 6 calls of 6 s from 1 s into each. */
        private Observations withCallsHearing(int... concealedPerCall) {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            double[] starts = {2, 10, 18, 26};
            for (int step = 0; step < 4; step++) {
                for (int c = 0; c < 6; c++) {
                    o.call(heard(starts[step], 0.2, 6, concealedPerCall[step]));
                }
            }
            return o;
        }

        @Test
        void eachStepIsHeardByItsOwnCallsAndRatedByTheirPhones() {
            Metrics m = Measurements.of(withCallsHearing(0, 3, 9, 15).observed());

            assertThat(value(m, "heard_loss_0_pct")).isZero();
            assertThat(value(m, "heard_loss_1_pct")).isCloseTo(1.0, within(1e-9));
            assertThat(value(m, "heard_loss_3_pct")).isCloseTo(3.0, within(1e-9));
            assertThat(value(m, "heard_loss_5_pct")).isCloseTo(5.0, within(1e-9));
            double cqe5 = Observations.quality(285, 15).mos();
            assertThat(value(m, "mos_cqe_at_loss_5_pct")).isCloseTo(cqe5, within(1e-9));
            assertThat(value(m, "mos_g107_at_loss_0_pct")).isEqualTo(4.41);
            assertThat(value(m, "mos_g107_at_loss_5_pct")).isEqualTo(3.92);
            assertThat(value(m, Metrics.MOS_CQE_DEVIATION_MAX)).isLessThan(0.2);
        }

        @Test
        void phonesThatHearNoneOfTheLossAreFarFromG107() {
            // Media that bypasses the impaired path: the phones hear a clean line at every step.
            Metrics m = Measurements.of(withCallsHearing(0, 0, 0, 0).observed());

            assertThat(value(m, "heard_loss_5_pct")).isZero();
            assertThat(value(m, Metrics.MOS_CQE_DEVIATION_MAX)).isGreaterThan(0.4);
        }

        @Test
        void aCallHeldAcrossTwoStepsCountsInNeither() {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            o.call(heard(0, 0.2, 34, 40));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.names()).noneMatch(n -> n.startsWith("heard_loss_") || n.startsWith("mos_cqe_"));
            assertThat(m.has(Metrics.MOS_CQE_DEVIATION_MAX)).isFalse();
        }

        @Test
        void aStepWithNoCallsIsLeftOutNotCountedAsPerfect() {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            o.call(heard(2, 0.2, 6, 0));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has("heard_loss_0_pct")).isTrue();
            assertThat(m.has("heard_loss_5_pct")).isFalse();
            assertThat(m.has("mos_g107_at_loss_5_pct")).isFalse();
        }

        @Test
        void aLossTheReferenceDoesNotHoldIsReportedButNotCompared() {
            Observations o = Observations.of(
                    Observations.at(0, new dev.lifeline.drill.scenario.Action.Impair("wan1",
                            dev.lifeline.drill.scenario.Action.Impair.Direction.DOWN, java.time.Duration.ZERO,
                            java.time.Duration.ZERO, 2.5, dev.lifeline.drill.scenario.BurstLoss.NONE, 0)),
                    Observations.at(10, new dev.lifeline.drill.scenario.Action.Restore("wan1")));
            o.call(heard(1, 0.2, 6, 8)).endingAt(12);

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, "heard_loss_2p5_pct")).isCloseTo(100.0 * 8 / 300, within(1e-9));
            assertThat(m.has("mos_cqe_at_loss_2p5_pct")).isTrue();
            assertThat(m.has("mos_g107_at_loss_2p5_pct")).isFalse();
            assertThat(m.has(Metrics.MOS_CQE_DEVIATION_MAX)).isFalse();
        }
    }
}
