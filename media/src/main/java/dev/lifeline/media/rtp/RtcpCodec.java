package dev.lifeline.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads compound RTCP packets and writes SR and RR (RFC 3550 §6.1, §6.4). RTCP arrives a few
 * times a minute per stream, so decoding into records is affordable. Validation follows
 * Appendix A.2: version 2 throughout, lengths that add up to the datagram, padding only on
 * the last packet, report counts that fit their packet. The first packet is not required to
 * be SR or RR, so that reduced-size RTCP (RFC 5506) is accepted.
 */
public final class RtcpCodec {

    private static final int HEADER_LENGTH = 4;

    private RtcpCodec() {
    }

    /** Decodes the readable bytes without moving the reader index; never throws on bad input. */
    public static RtcpResult decode(ByteBuf buf) {
        List<RtcpPacket> packets = new ArrayList<>(2);
        int offset = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - offset < HEADER_LENGTH) {
            return new RtcpResult.Rejected("shorter than an RTCP header");
        }
        while (offset < end) {
            if (end - offset < HEADER_LENGTH) {
                return new RtcpResult.Rejected("trailing " + (end - offset) + " bytes after the last packet");
            }
            int first = buf.getUnsignedByte(offset);
            int length = 4 * (buf.getUnsignedShort(offset + 2) + 1);
            if (first >> 6 != 2) {
                return new RtcpResult.Rejected("version " + (first >> 6) + " at byte " + (offset - buf.readerIndex()));
            }
            if (offset + length > end) {
                return new RtcpResult.Rejected("length field runs " + (offset + length - end) + " bytes past the end");
            }
            boolean padded = (first & 0x20) != 0;
            if (padded && offset + length != end) {
                return new RtcpResult.Rejected("padding on a packet that is not the last of the compound");
            }
            int padding = padded ? buf.getUnsignedByte(offset + length - 1) : 0;
            if (padded && (padding == 0 || padding > length - HEADER_LENGTH)) {
                return new RtcpResult.Rejected("padding count " + padding + " does not fit the packet");
            }
            RtcpResult failure = decodeOne(buf, offset, length - padding, first & 0x1F, packets);
            if (failure != null) {
                return failure;
            }
            offset += length;
        }
        return new RtcpResult.Decoded(packets);
    }

    private static RtcpResult decodeOne(ByteBuf buf, int offset, int length, int count, List<RtcpPacket> out) {
        int type = buf.getUnsignedByte(offset + 1);
        long ssrc = length >= 8 ? buf.getUnsignedInt(offset + 4) : 0;
        switch (type) {
            case RtcpPacket.SR -> {
                int needed = 8 + SenderInfo.LENGTH + count * ReportBlock.LENGTH;
                if (length < needed) {
                    return new RtcpResult.Rejected("SR with " + count + " blocks needs " + needed + " bytes, has " + length);
                }
                SenderInfo info = new SenderInfo(buf.getLong(offset + 8), buf.getUnsignedInt(offset + 16),
                        buf.getUnsignedInt(offset + 20), buf.getUnsignedInt(offset + 24));
                out.add(new RtcpPacket.SenderReport(ssrc, info, blocks(buf, offset + 28, count)));
            }
            case RtcpPacket.RR -> {
                int needed = 8 + count * ReportBlock.LENGTH;
                if (length < needed) {
                    return new RtcpResult.Rejected("RR with " + count + " blocks needs " + needed + " bytes, has " + length);
                }
                out.add(new RtcpPacket.ReceiverReport(ssrc, blocks(buf, offset + 8, count)));
            }
            default -> out.add(new RtcpPacket.Other(type, ssrc, length));
        }
        return null;
    }

    private static List<ReportBlock> blocks(ByteBuf buf, int offset, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = offset + i * ReportBlock.LENGTH;
            int lostWord = buf.getInt(at + 4);
            blocks.add(new ReportBlock(
                    buf.getUnsignedInt(at),
                    lostWord >>> 24,
                    (lostWord << 8) >> 8,          // sign-extend the 24-bit count
                    buf.getUnsignedInt(at + 8),
                    buf.getUnsignedInt(at + 12),
                    buf.getUnsignedInt(at + 16),
                    buf.getUnsignedInt(at + 20)));
        }
        return blocks;
    }

    /** Appends an SR. */
    public static void write(RtcpPacket.SenderReport sr, ByteBuf out) {
        writeHeader(out, sr.blocks().size(), RtcpPacket.SR, 1 + 5 + 6 * sr.blocks().size());
        out.writeInt((int) sr.ssrc());
        out.writeLong(sr.sender().ntpTimestamp());
        out.writeInt((int) sr.sender().rtpTimestamp());
        out.writeInt((int) sr.sender().packetCount());
        out.writeInt((int) sr.sender().octetCount());
        sr.blocks().forEach(b -> writeBlock(b, out));
    }

    /** Appends an RR. */
    public static void write(RtcpPacket.ReceiverReport rr, ByteBuf out) {
        writeHeader(out, rr.blocks().size(), RtcpPacket.RR, 1 + 6 * rr.blocks().size());
        out.writeInt((int) rr.ssrc());
        rr.blocks().forEach(b -> writeBlock(b, out));
    }

    /** Length is the packet size in 32-bit words minus one, counting the header word. */
    private static void writeHeader(ByteBuf out, int count, int type, int wordsAfterHeader) {
        out.writeByte(0x80 | count);
        out.writeByte(type);
        out.writeShort(wordsAfterHeader);
    }

    private static void writeBlock(ReportBlock b, ByteBuf out) {
        out.writeInt((int) b.ssrc());
        out.writeInt((b.fractionLost() << 24) | (b.cumulativeLost() & 0xFFFFFF));
        out.writeInt((int) b.extendedHighestSequence());
        out.writeInt((int) b.jitter());
        out.writeInt((int) b.lastSenderReport());
        out.writeInt((int) b.delaySinceLastSenderReport());
    }
}
