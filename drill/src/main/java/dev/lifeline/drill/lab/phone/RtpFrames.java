package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The lab phones' RTP packets: a fixed header, one RFC 8285 one-byte header extension element
 * carrying the sender's monotonic send time (nanoseconds, 8 bytes, element ID
 * {@link #SEND_TIME_ID}), then the G.711 payload. A receiver in the same JVM reads the same
 * clock, so arrival minus send time is the one-way network delay; any other receiver skips
 * the extension as RFC 8285 §4.2 allows.
 */
final class RtpFrames {

    static final int SEND_TIME_ID = 1;
    static final String SEND_TIME_URI = "urn:lifeline:lab:send-time";
    private static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Extension header (4) + element header (1) + 8 bytes + 3 bytes padding to a 32-bit word. */
    private static final int EXTENSION_LENGTH = 16;

    private RtpFrames() {
    }

    static ByteBuf write(ByteBufAllocator alloc, int payloadType, boolean marker, int seq, long timestamp, long ssrc,
                         long sendNanos, byte[] payload) {
        ByteBuf b = alloc.buffer(RtpPacket.FIXED_HEADER_LENGTH + EXTENSION_LENGTH + payload.length);
        b.writeByte(0x80 | 0x10);                          // V=2, X=1
        b.writeByte((marker ? 0x80 : 0) | payloadType);
        b.writeShort(seq);
        b.writeInt((int) timestamp);
        b.writeInt((int) ssrc);
        b.writeShort(ONE_BYTE_PROFILE);
        b.writeShort(3);                                   // 3 words of elements
        b.writeByte((SEND_TIME_ID << 4) | 7);              // ID, length − 1
        b.writeLong(sendNanos);
        b.writeZero(3);
        b.writeBytes(payload);
        return b;
    }

    /** The send time of a valid RTP packet, or {@code Long.MIN_VALUE} when it carries none. */
    static long sendTime(ByteBuf buf) {
        if (!RtpPacket.hasExtension(buf) || RtpPacket.extensionProfile(buf) != ONE_BYTE_PROFILE) {
            return Long.MIN_VALUE;
        }
        int start = buf.readerIndex() + RtpPacket.FIXED_HEADER_LENGTH + 4 * RtpPacket.csrcCount(buf);
        int end = start + 4 + 4 * buf.getUnsignedShort(start + 2);
        int i = start + 4;
        while (i < end) {
            int b = buf.getUnsignedByte(i);
            if (b == 0) {
                i++;                                       // padding between elements
                continue;
            }
            int id = b >> 4;
            int length = (b & 0x0F) + 1;
            if (id == 15 || i + 1 + length > end) {
                return Long.MIN_VALUE;
            }
            if (id == SEND_TIME_ID && length == 8) {
                return buf.getLong(i + 1);
            }
            i += 1 + length;
        }
        return Long.MIN_VALUE;
    }
}
