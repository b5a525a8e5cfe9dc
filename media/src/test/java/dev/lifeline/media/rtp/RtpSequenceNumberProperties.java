package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RtpSequenceNumberProperties {

    @Property
    void diffUndoesAStepOfLessThanHalfTheSpace(@ForAll @IntRange(min = 0, max = 65535) int from,
                                               @ForAll @IntRange(min = -32767, max = 32767) int step) {
        int to = (from + step) & 0xFFFF;
        assertThat(RtpSequenceNumber.diff(to, from)).isEqualTo(step);
        assertThat(RtpSequenceNumber.isNewer(to, from)).isEqualTo(step > 0);
        assertThat(RtpSequenceNumber.compare(to, from)).isEqualTo(-RtpSequenceNumber.compare(from, to));
    }
}
