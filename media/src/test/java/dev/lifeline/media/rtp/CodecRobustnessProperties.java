package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any bytes in: a verdict or a reasoned rejection, never an exception. */
class CodecRobustnessProperties {

    @Property(tries = 2000)
    void rtpCheckNeverThrowsAndValidMeansConsistentLengths(@ForAll @Size(max = 80) byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        RtpCheck check = RtpPacket.check(buf);
        if (check.isValid()) {
            assertThat(RtpPacket.headerLength(buf)).isLessThanOrEqualTo(bytes.length);
            assertThat(RtpPacket.payloadLength(buf)).isNotNegative();
        }
    }

    @Property(tries = 2000)
    void versionTwoPacketsAreCheckedToo(@ForAll @Size(min = 1, max = 80) byte[] bytes) {
        bytes[0] = (byte) (0x80 | (bytes[0] & 0x3F));
        rtpCheckNeverThrowsAndValidMeansConsistentLengths(bytes);
    }

    @Property(tries = 2000)
    void rtcpDecodeNeverThrows(@ForAll @Size(max = 120) byte[] bytes) {
        if (bytes.length > 0) {
            bytes[0] = (byte) (0x80 | (bytes[0] & 0x3F));
        }
        RtcpResult result = RtcpCodec.decode(Unpooled.wrappedBuffer(bytes));
        assertThat(result).isNotNull();
    }
}
