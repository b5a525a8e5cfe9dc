package dev.lifeline.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the RTP fixed header (RFC 3550 §5.1) at byte offsets of a buffer, starting at
 * its reader index. The relay handles every packet through these static methods, so no object
 * is created per packet; {@link #check} must have said {@link RtpCheck#VALID} before the
 * length-dependent accessors are trusted.
 */
public final class RtpPacket {

    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int VERSION = 2;

    private RtpPacket() {
    }

    /** Validates version, CSRC list, extension and padding against the readable bytes. */
    public static RtpCheck check(ByteBuf buf) {
        int length = buf.readableBytes();
        if (length < FIXED_HEADER_LENGTH) {
            return RtpCheck.TOO_SHORT;
        }
        if (version(buf) != VERSION) {
            return RtpCheck.NOT_VERSION_2;
        }
        int headerEnd = FIXED_HEADER_LENGTH + 4 * csrcCount(buf);
        if (headerEnd > length) {
            return RtpCheck.CSRC_PAST_END;
        }
        if (hasExtension(buf)) {
            if (headerEnd + 4 > length) {
                return RtpCheck.EXTENSION_PAST_END;
            }
            headerEnd += 4 + 4 * buf.getUnsignedShort(buf.readerIndex() + headerEnd + 2);
            if (headerEnd > length) {
                return RtpCheck.EXTENSION_PAST_END;
            }
        }
        if (hasPadding(buf)) {
            int padding = buf.getUnsignedByte(buf.readerIndex() + length - 1);
            if (padding == 0 || headerEnd + padding > length) {
                return RtpCheck.BAD_PADDING;
            }
        }
        return RtpCheck.VALID;
    }

    /**
     * True when the packet on a shared port is RTCP rather than RTP: RFC 5761 §4 keeps RTP
     * payload types out of 64–95 so the second byte of RTCP (types 192–223) never collides.
     */
    public static boolean isRtcp(ByteBuf buf) {
        if (buf.readableBytes() < 2) {
            return false;
        }
        int type = buf.getUnsignedByte(buf.readerIndex() + 1);
        return type >= 192 && type <= 223;
    }

    public static int version(ByteBuf buf) {
        return buf.getUnsignedByte(buf.readerIndex()) >> 6;
    }

    public static boolean hasPadding(ByteBuf buf) {
        return (buf.getByte(buf.readerIndex()) & 0x20) != 0;
    }

    public static boolean hasExtension(ByteBuf buf) {
        return (buf.getByte(buf.readerIndex()) & 0x10) != 0;
    }

    public static int csrcCount(ByteBuf buf) {
        return buf.getByte(buf.readerIndex()) & 0x0F;
    }

    public static boolean marker(ByteBuf buf) {
        return (buf.getByte(buf.readerIndex() + 1) & 0x80) != 0;
    }

    public static int payloadType(ByteBuf buf) {
        return buf.getByte(buf.readerIndex() + 1) & 0x7F;
    }

    public static int sequenceNumber(ByteBuf buf) {
        return buf.getUnsignedShort(buf.readerIndex() + 2);
    }

    public static long timestamp(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 4);
    }

    public static long ssrc(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 8);
    }

    public static long csrc(ByteBuf buf, int index) {
        if (index < 0 || index >= csrcCount(buf)) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount(buf));
        }
        return buf.getUnsignedInt(buf.readerIndex() + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** Profile-defined 16 bits of the header extension; -1 when there is none. */
    public static int extensionProfile(ByteBuf buf) {
        if (!hasExtension(buf)) {
            return -1;
        }
        return buf.getUnsignedShort(buf.readerIndex() + FIXED_HEADER_LENGTH + 4 * csrcCount(buf));
    }

    /** Fixed header, CSRC list and extension, in bytes: where the payload starts. */
    public static int headerLength(ByteBuf buf) {
        int length = FIXED_HEADER_LENGTH + 4 * csrcCount(buf);
        if (hasExtension(buf)) {
            length += 4 + 4 * buf.getUnsignedShort(buf.readerIndex() + length + 2);
        }
        return length;
    }

    public static int paddingLength(ByteBuf buf) {
        return hasPadding(buf) ? buf.getUnsignedByte(buf.readerIndex() + buf.readableBytes() - 1) : 0;
    }

    public static int payloadLength(ByteBuf buf) {
        return buf.readableBytes() - headerLength(buf) - paddingLength(buf);
    }

    public static void setSequenceNumber(ByteBuf buf, int seq) {
        buf.setShort(buf.readerIndex() + 2, seq);
    }

    public static void setTimestamp(ByteBuf buf, long timestamp) {
        buf.setInt(buf.readerIndex() + 4, (int) timestamp);
    }

    public static void setSsrc(ByteBuf buf, long ssrc) {
        buf.setInt(buf.readerIndex() + 8, (int) ssrc);
    }

    public static void setPayloadType(ByteBuf buf, int payloadType) {
        int i = buf.readerIndex() + 1;
        buf.setByte(i, (buf.getByte(i) & 0x80) | (payloadType & 0x7F));
    }

    /** Appends a 12-byte header without CSRCs, extension or padding (probes, generated audio). */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int seq, long timestamp, long ssrc) {
        out.writeByte(VERSION << 6);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(seq);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }
}
