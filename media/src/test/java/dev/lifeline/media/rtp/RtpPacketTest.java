package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    @Test
    void readsTheFixedHeader() {
        // V=2, PT=0 (PCMU), marker, seq 0x1234, ts 0xDEADBEEF, SSRC 0xCAFEBABE, 4 payload bytes.
        ByteBuf p = hex("80 80 1234 DEADBEEF CAFEBABE FFFEFDFC");

        assertThat(RtpPacket.check(p)).isEqualTo(RtpCheck.VALID);
        assertThat(RtpPacket.version(p)).isEqualTo(2);
        assertThat(RtpPacket.marker(p)).isTrue();
        assertThat(RtpPacket.payloadType(p)).isZero();
        assertThat(RtpPacket.sequenceNumber(p)).isEqualTo(0x1234);
        assertThat(RtpPacket.timestamp(p)).isEqualTo(0xDEADBEEFL);
        assertThat(RtpPacket.ssrc(p)).isEqualTo(0xCAFEBABEL);
        assertThat(RtpPacket.headerLength(p)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(p)).isEqualTo(4);
        assertThat(RtpPacket.extensionProfile(p)).isEqualTo(-1);
    }

    @Test
    void countsCsrcsExtensionAndPadding() {
        // P and X set, CC=2, PT 8; two CSRCs; extension profile 0xBEDE with 1 word; 2 payload
        // bytes; 2 bytes of padding (the last says 2).
        ByteBuf p = hex("B2 08 0001 00000010 00000020 00000001 00000002 BEDE0001 11223344 AAAA 0002");

        assertThat(RtpPacket.check(p)).isEqualTo(RtpCheck.VALID);
        assertThat(RtpPacket.csrcCount(p)).isEqualTo(2);
        assertThat(RtpPacket.csrc(p, 1)).isEqualTo(2);
        assertThat(RtpPacket.extensionProfile(p)).isEqualTo(0xBEDE);
        assertThat(RtpPacket.headerLength(p)).isEqualTo(12 + 8 + 8);
        assertThat(RtpPacket.paddingLength(p)).isEqualTo(2);
        assertThat(RtpPacket.payloadLength(p)).isEqualTo(2);
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf p = hex("FFFF 80 08 0102 00000000 00000001");
        p.skipBytes(2);
        assertThat(RtpPacket.check(p)).isEqualTo(RtpCheck.VALID);
        assertThat(RtpPacket.payloadType(p)).isEqualTo(8);
        assertThat(RtpPacket.sequenceNumber(p)).isEqualTo(0x0102);
    }

    @Test
    void rejectsMalformedPacketsWithAReason() {
        assertThat(RtpPacket.check(hex("80 00 0001 00000000 000000"))).isEqualTo(RtpCheck.TOO_SHORT);
        assertThat(RtpPacket.check(hex("40 00 0001 00000000 00000000"))).isEqualTo(RtpCheck.NOT_VERSION_2);
        assertThat(RtpPacket.check(hex("82 00 0001 00000000 00000000 00000001"))).isEqualTo(RtpCheck.CSRC_PAST_END);
        assertThat(RtpPacket.check(hex("90 00 0001 00000000 00000000 BEDE"))).isEqualTo(RtpCheck.EXTENSION_PAST_END);
        assertThat(RtpPacket.check(hex("90 00 0001 00000000 00000000 BEDE0002 00000000"))).isEqualTo(RtpCheck.EXTENSION_PAST_END);
        assertThat(RtpPacket.check(hex("A0 00 0001 00000000 00000000 AA00"))).isEqualTo(RtpCheck.BAD_PADDING);
        assertThat(RtpPacket.check(hex("A0 00 0001 00000000 00000000 AA09"))).isEqualTo(RtpCheck.BAD_PADDING);
        assertThat(RtpCheck.BAD_PADDING.isValid()).isFalse();
    }

    @Test
    void rewritesFieldsInPlace() {
        ByteBuf p = hex("80 80 1234 DEADBEEF CAFEBABE");
        RtpPacket.setSequenceNumber(p, 0xFFFF);
        RtpPacket.setTimestamp(p, 0xFFFF_FFFFL);
        RtpPacket.setSsrc(p, 7);
        RtpPacket.setPayloadType(p, 101);

        assertThat(RtpPacket.sequenceNumber(p)).isEqualTo(0xFFFF);
        assertThat(RtpPacket.timestamp(p)).isEqualTo(0xFFFF_FFFFL);
        assertThat(RtpPacket.ssrc(p)).isEqualTo(7);
        assertThat(RtpPacket.payloadType(p)).isEqualTo(101);
        assertThat(RtpPacket.marker(p)).isTrue();
    }

    @Test
    void writesAHeaderThatReadsBack() {
        ByteBuf out = Unpooled.buffer();
        RtpPacket.writeHeader(out, false, 0, 65535, 0x1_0000_0005L, 0xFFFF_FFFEL);

        assertThat(HexFormat.of().formatHex(out.array(), 0, out.readableBytes())).isEqualTo("8000ffff00000005fffffffe");
        assertThat(RtpPacket.check(out)).isEqualTo(RtpCheck.VALID);
        assertThat(RtpPacket.ssrc(out)).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void tellsRtcpFromRtpOnASharedPort() {
        assertThat(RtpPacket.isRtcp(hex("81 C9 0007"))).isTrue();   // RR
        assertThat(RtpPacket.isRtcp(hex("80 C8 0006"))).isTrue();   // SR
        assertThat(RtpPacket.isRtcp(hex("80 00 0001"))).isFalse();  // PCMU
        assertThat(RtpPacket.isRtcp(hex("80 E0 0001"))).isFalse();  // PT 96 with marker
        assertThat(RtpPacket.isRtcp(hex("80"))).isFalse();
    }
}
