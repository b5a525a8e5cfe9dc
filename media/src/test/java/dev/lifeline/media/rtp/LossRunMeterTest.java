package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossRunMeterTest {

    private static LossRunMeter of(String pattern) {
        LossRunMeter m = new LossRunMeter();
        pattern.chars().forEach(c -> m.record(c == 'x'));
        return m;
    }

    @Test
    void countsRunsOfLoss() {
        LossRunMeter m = of("..xx...x..xxx.");
        assertThat(m.positions()).isEqualTo(14);
        assertThat(m.lost()).isEqualTo(6);
        assertThat(m.lossRuns()).isEqualTo(3);
        // mean run 2, random loss at 6/14 would give runs of 1/(1 − 6/14) = 1.75
        assertThat(m.burstRatio()).isCloseTo(2 * (1 - 6.0 / 14), within(1e-12));
    }

    @Test
    void oneLongBurstIsVeryBursty() {
        assertThat(of(".".repeat(90) + "x".repeat(10)).burstRatio()).isCloseTo(9, within(1e-12));
    }

    @Test
    void undefinedCasesReadAsRandom() {
        assertThat(new LossRunMeter().burstRatio()).isEqualTo(1);
        assertThat(of("....").burstRatio()).isEqualTo(1);
        assertThat(of("xxxx").burstRatio()).isEqualTo(1);
    }
}
