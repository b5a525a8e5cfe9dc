package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class RtpSequenceNumberProperties {

    @Test
    void diffUndoesAStepOfLessThanHalfTheSpace() {
        qt().withExamples(1000).withFixedSeed(0x5E0_0001L)
                .forAll(integers().between(0, 65535), integers().between(-32767, 32767))
                .checkAssert((from, step) -> {
                    int to = (from + step) & 0xFFFF;
                    assertThat(RtpSequenceNumber.diff(to, from)).isEqualTo(step);
                    assertThat(RtpSequenceNumber.isNewer(to, from)).isEqualTo(step > 0);
                    assertThat(RtpSequenceNumber.compare(to, from)).isEqualTo(-RtpSequenceNumber.compare(from, to));
                });
    }
}
