package dev.lifeline.gateway.path;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The quality probe on the wire: RTP-sized, so routers queue and police it like a G.711 voice
 * packet (20 ms at 8 kHz). A 12-byte RTP header (RFC 3550 §5.1: version 2, payload type 0, the
 * sequence number, timestamp seq·160, SSRC = path id) and a 160-byte payload:
 * <pre>
 *  12  magic "LLPROBE1" (8 bytes)
 *  20  path id  (4 bytes, same as the SSRC)
 *  24  sequence (8 bytes)
 *  32  send time, nanoseconds since the epoch (8 bytes)
 *  40  zeros to the end (132 bytes)
 * </pre>
 * Only a packet of exactly this length, version and magic is a probe: the reflector echoes
 * nothing else, so it cannot be used to amplify or reflect other traffic.
 */
public final class ProbePacket {

    /** Total length: RTP header plus a 20 ms G.711 payload. */
    public static final int LENGTH = 12 + 160;
    private static final byte[] MAGIC = "LLPROBE1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC_OFFSET = 12;

    /** The fields a probe carries. */
    public record Probe(int pathId, long seq, long sentEpochNanos) {
    }

    private ProbePacket() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, Probe p) {
        ByteBuf b = alloc.buffer(LENGTH, LENGTH);
        b.writeByte(0x80);
        b.writeByte(0);
        b.writeShort((int) p.seq());
        b.writeInt((int) (p.seq() * 160));
        b.writeInt(p.pathId());
        b.writeBytes(MAGIC);
        b.writeInt(p.pathId());
        b.writeLong(p.seq());
        b.writeLong(p.sentEpochNanos());
        b.writeZero(LENGTH - b.writerIndex());
        return b;
    }

    /** Whether the bytes (from the reader index) are a probe; reads at offsets, moves nothing. */
    public static boolean isProbe(ByteBuf b) {
        if (b.readableBytes() != LENGTH || (b.getByte(b.readerIndex()) & 0xff) != 0x80) {
            return false;
        }
        int at = b.readerIndex() + MAGIC_OFFSET;
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.getByte(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return b.getInt(b.readerIndex() + 8) == b.getInt(b.readerIndex() + 20);
    }

    /** The probe's fields, or empty when the bytes are not a probe. */
    public static Optional<Probe> decode(ByteBuf b) {
        if (!isProbe(b)) {
            return Optional.empty();
        }
        int r = b.readerIndex();
        return Optional.of(new Probe(b.getInt(r + 20), b.getLong(r + 24), b.getLong(r + 32)));
    }
}
