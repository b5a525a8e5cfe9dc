package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Any bytes in: a verdict or a reasoned rejection, never an exception. */
class CodecRobustnessProperties {

    /** Any bytes, minLength..maxLength long, reported as hex in a failure. */
    private static Gen<byte[]> bytes(int minLength, int maxLength) {
        return Generate.byteArrays(Generate.range(minLength, maxLength), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(CodecRobustnessProperties::hex);
    }

    private static String hex(byte[] b) {
        return b.length + " bytes: " + ByteBufUtil.hexDump(b);
    }

    /** The same bytes with the version bits of the first octet set to 2 (padding, X and CC stay random). */
    private static byte[] versionTwo(byte[] bytes) {
        byte[] v2 = bytes.clone();
        if (v2.length > 0) {
            v2[0] = (byte) (0x80 | (v2[0] & 0x3F));
        }
        return v2;
    }

    @Test
    void rtpCheckNeverThrowsAndValidMeansConsistentLengths() {
        qt().withExamples(2000).withFixedSeed(0x52_7001L)
                .forAll(bytes(0, 80))
                .checkAssert(CodecRobustnessProperties::checkRtp);
    }

    @Test
    void versionTwoPacketsAreCheckedToo() {
        qt().withExamples(2000).withFixedSeed(0x52_7002L)
                .forAll(bytes(1, 80).map(CodecRobustnessProperties::versionTwo)
                        .describedAs(CodecRobustnessProperties::hex))
                .checkAssert(CodecRobustnessProperties::checkRtp);
    }

    @Test
    void rtcpDecodeNeverThrows() {
        qt().withExamples(2000).withFixedSeed(0x52_7003L)
                .forAll(bytes(0, 120).map(CodecRobustnessProperties::versionTwo)
                        .describedAs(CodecRobustnessProperties::hex))
                .checkAssert(bytes -> {
                    RtcpResult result = RtcpCodec.decode(Unpooled.wrappedBuffer(bytes));
                    assertThat(result).isNotNull();
                });
    }

    private static void checkRtp(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        RtpCheck check = RtpPacket.check(buf);
        if (check.isValid()) {
            assertThat(RtpPacket.headerLength(buf)).isLessThanOrEqualTo(bytes.length);
            assertThat(RtpPacket.payloadLength(buf)).isNotNegative();
        }
    }
}
