package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpSequenceNumberTest {

    @Test
    void comparesAcrossTheWrap() {
        assertThat(RtpSequenceNumber.diff(0, 65535)).isEqualTo(1);
        assertThat(RtpSequenceNumber.diff(65535, 0)).isEqualTo(-1);
        assertThat(RtpSequenceNumber.diff(1, 65535)).isEqualTo(2);
        assertThat(RtpSequenceNumber.isNewer(0, 65535)).isTrue();
        assertThat(RtpSequenceNumber.isNewer(65535, 0)).isFalse();
        assertThat(RtpSequenceNumber.isNewer(7, 7)).isFalse();
        assertThat(RtpSequenceNumber.compare(100, 200)).isNegative();
        assertThat(RtpSequenceNumber.next(65535)).isZero();
        assertThat(RtpSequenceNumber.forwardDistance(2, 65534)).isEqualTo(4);
        assertThat(RtpSequenceNumber.forwardDistance(65534, 2)).isEqualTo(65532);
    }

    @Test
    void sortsAWrappingRunInSendingOrder() {
        List<Integer> seqs = new ArrayList<>(List.of(2, 65534, 0, 65535, 1));
        seqs.sort(RtpSequenceNumber::compare);
        assertThat(seqs).containsExactly(65534, 65535, 0, 1, 2);
    }
}
