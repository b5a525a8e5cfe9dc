package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QualityEstimatorTest {

    @Test
    void mapsMeasuredStatsToEModelInputs() {
        PathMeasurement m = new PathMeasurement(0.03, 1.5, Duration.ofMillis(40), Duration.ofMillis(60),
                Duration.ofMillis(20));

        EModelInput in = QualityEstimator.input(CodecImpairment.G711_PLC, m);

        assertThat(in.packetLossPercent()).isCloseTo(3, within(1e-12));
        assertThat(in.burstRatio()).isEqualTo(1.5);
        assertThat(in.ie()).isZero();
        assertThat(in.bpl()).isEqualTo(25.1);
        assertThat(in.meanOneWayDelay()).isEqualTo(120);
        assertThat(in.absoluteDelay()).isEqualTo(120);
        assertThat(in.roundTripDelay()).isEqualTo(240);
        assertThat(in.telr()).isEqualTo(EModelInput.defaults().telr());
    }

    @Test
    void cleanShortPathRatesNearTheDefault() {
        PathMeasurement clean = new PathMeasurement(0, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertThat(QualityEstimator.estimate(CodecImpairment.G711_PLC, clean).r()).isCloseTo(93.2, within(0.01));
    }

    @Test
    void aBurstRatioBelowOneIsReadAsRandomLoss() {
        PathMeasurement spread = new PathMeasurement(0.02, 0.9, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertThat(QualityEstimator.input(CodecImpairment.G711_PLC, spread).burstRatio()).isEqualTo(1);
    }

    @Test
    void threePercentRandomLossOnAGoodPathStaysAboveFour() {
        // DESIGN.md: no failover under 3 % random loss; the rating should agree it is still a good call.
        PathMeasurement m = new PathMeasurement(0.03, 1, Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(20));
        assertThat(QualityEstimator.estimate(CodecImpairment.G711_PLC, m).mos()).isGreaterThan(4.0);
    }

    @Test
    void rejectsImpossibleMeasurements() {
        assertThatThrownBy(() -> new PathMeasurement(1.2, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PathMeasurement(0, 1, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
