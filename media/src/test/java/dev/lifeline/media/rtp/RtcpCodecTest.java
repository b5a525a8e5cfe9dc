package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCodecTest {

    private static final ReportBlock BLOCK = new ReportBlock(0x11223344L, 64, 1234, 0x0001_0005L, 160,
            0xB705_2030L, 0x0005_4000L);

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    private static List<RtcpPacket> decoded(ByteBuf buf) {
        RtcpResult result = RtcpCodec.decode(buf);
        assertThat(result).isInstanceOf(RtcpResult.Decoded.class);
        return ((RtcpResult.Decoded) result).packets();
    }

    private static String rejection(ByteBuf buf) {
        RtcpResult result = RtcpCodec.decode(buf);
        assertThat(result).isInstanceOf(RtcpResult.Rejected.class);
        return ((RtcpResult.Rejected) result).reason();
    }

    @Test
    void writesAReceiverReportByteForByte() {
        ByteBuf out = Unpooled.buffer();
        RtcpCodec.write(new RtcpPacket.ReceiverReport(0xCAFEBABEL, List.of(BLOCK)), out);

        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
                "81c90007" + "cafebabe"
                        + "11223344" + "400004d2" + "00010005" + "000000a0" + "b7052030" + "00054000");
    }

    @Test
    void receiverReportRoundTrips() {
        RtcpPacket.ReceiverReport rr = new RtcpPacket.ReceiverReport(0xFFFF_FFFFL, List.of(BLOCK,
                new ReportBlock(1, 255, -1, 0xFFFF_FFFFL, 0, 0, 0)));
        ByteBuf out = Unpooled.buffer();
        RtcpCodec.write(rr, out);

        assertThat(decoded(out)).containsExactly(rr);
    }

    @Test
    void negativeCumulativeLossIsSignExtended() {
        ByteBuf rr = hex("81c90007 00000001  00000002 00fffffe 00000000 00000000 00000000 00000000");
        ReportBlock block = ((RtcpPacket.ReceiverReport) decoded(rr).get(0)).blocks().get(0);
        assertThat(block.cumulativeLost()).isEqualTo(-2);
        assertThat(block.fractionLost()).isZero();
    }

    @Test
    void senderReportAndSdesInACompoundPacket() {
        SenderInfo info = new SenderInfo(0xE8F0_1234_8000_0000L, 0xFFFF_FF00L, 5000, 800_000);
        RtcpPacket.SenderReport sr = new RtcpPacket.SenderReport(0x0A0B0C0DL, info, List.of(BLOCK));
        ByteBuf out = Unpooled.buffer();
        RtcpCodec.write(sr, out);
        // SDES with one chunk: SSRC, CNAME "ab", END and zero fill to the word boundary.
        out.writeBytes(HexFormat.of().parseHex("81ca0003" + "0a0b0c0d" + "01026162" + "00000000"));

        List<RtcpPacket> packets = decoded(out);

        assertThat(packets).hasSize(2);
        assertThat(packets.get(0)).isEqualTo(sr);
        assertThat(packets.get(1)).isEqualTo(new RtcpPacket.Other(RtcpPacket.SDES, 0x0A0B0C0DL, 16));
        assertThat(out.getUnsignedShort(2)).isEqualTo(12);   // SR with one block: 13 words
    }

    @Test
    void paddingOnTheLastPacketIsAllowed() {
        // RR without blocks, padded with 4 bytes (P bit, last byte 4).
        List<RtcpPacket> packets = decoded(hex("a0c90002 00000009 00000004"));
        assertThat(packets).containsExactly(new RtcpPacket.ReceiverReport(9, List.of()));
    }

    @Test
    void rejectsMalformedCompounds() {
        assertThat(rejection(hex("80c9"))).contains("shorter");
        assertThat(rejection(hex("40c90001 00000001"))).contains("version 1");
        assertThat(rejection(hex("80c90002 00000001"))).contains("past the end");
        assertThat(rejection(hex("a0c90001 00000004 80c90001 00000001"))).contains("padding on a packet");
        assertThat(rejection(hex("a0c90001 00000009"))).contains("padding count");
        assertThat(rejection(hex("81c90001 00000001"))).contains("RR with 1 blocks");
        assertThat(rejection(hex("80c80001 00000001"))).contains("SR with 0 blocks");
        assertThat(rejection(hex("80c90001 00000001 80c9"))).contains("trailing");
    }

    @Test
    void leavesTheReaderIndexAlone() {
        ByteBuf rr = hex("80c90001 00000001");
        decoded(rr);
        assertThat(rr.readerIndex()).isZero();
    }
}
