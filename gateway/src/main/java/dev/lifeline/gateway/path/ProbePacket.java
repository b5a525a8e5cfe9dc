package dev.lifeline.gateway.path;

import dev.lifeline.media.rtp.NtpTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Instant;
import java.util.Optional;

/**
 * The quality probe on the wire: TWAMP-light (RFC 5357 Appendix I), unauthenticated mode, so
 * that any TWAMP-light reflector — many routers run one, and {@code lifeline reflector} is one —
 * can answer it without the provider's help.
 *
 * <p>The session-sender's test packet (RFC 5357 §4.1.2), padded to {@link #LENGTH} bytes: the size
 * of a G.711 20 ms RTP packet, so that it is queued and policed like the voice it stands for:
 * <pre>
 *   0  sequence number (4)
 *   4  timestamp, NTP format (8)
 *  12  error estimate (2)
 *  14  padding (zeros) to the end
 * </pre>
 * The reflector's answer (§4.2.1), as long as the test packet (RFC 6038 symmetric size: a
 * reflector is no amplifier):
 * <pre>
 *   0  reflector sequence number (4)      24  sender sequence number (4)
 *   4  timestamp (8)                      28  sender timestamp (8)
 *  12  error estimate (2)                 36  sender error estimate (2)
 *  14  MBZ (2)                            38  MBZ (2)
 *  16  receive timestamp (8)              40  sender TTL (1), then padding
 * </pre>
 */
public final class ProbePacket {

    /** Test packets the gateway sends: a 12-byte RTP header plus a 20 ms G.711 payload. */
    public static final int LENGTH = 12 + 160;
    /** The reflector's fields; a shorter test packet is not answered (the answer would be larger). */
    public static final int REFLECTED_HEADER = 41;
    /** The largest test packet answered: one unfragmented UDP datagram on an Ethernet path. */
    public static final int MAX_LENGTH = 1472;
    /**
     * Error estimate (§4.1.2): S = 0 (clock not synchronised to UTC), Z = 0 (NTP format),
     * scale 0, multiplier 1.
     */
    static final int ERROR_ESTIMATE = 0x0001;
    /** Sender TTL when the received IP TTL is not known to the reflector (§4.2.1). */
    static final int UNKNOWN_TTL = 255;

    /** What the sender needs back from an answer: which probe it was and when it was sent. */
    public record Probe(long seq, long sentEpochNanos) {
    }

    private ProbePacket() {
    }

    /** A session-sender test packet for {@code p}; the sequence number is sent modulo 2^32. */
    public static ByteBuf encode(ByteBufAllocator alloc, Probe p) {
        ByteBuf b = alloc.buffer(LENGTH, LENGTH);
        b.writeInt((int) p.seq());
        b.writeLong(NtpTime.fromInstant(Instant.ofEpochSecond(0, p.sentEpochNanos())));
        b.writeShort(ERROR_ESTIMATE);
        b.writeZero(LENGTH - b.writerIndex());
        return b;
    }

    /** Whether the bytes (from the reader index) are a test packet a reflector may answer. */
    public static boolean isTest(ByteBuf b) {
        return b.readableBytes() >= REFLECTED_HEADER && b.readableBytes() <= MAX_LENGTH;
    }

    /**
     * The reflector's answer to {@code test} (see {@link #isTest}): as long as the test packet,
     * with the sender's sequence number, timestamp and error estimate copied back.
     */
    public static ByteBuf reflect(ByteBufAllocator alloc, ByteBuf test, long reflectorSeq, Instant received,
                                  Instant sending) {
        int length = test.readableBytes();
        int r = test.readerIndex();
        ByteBuf b = alloc.buffer(length, length);
        b.writeInt((int) reflectorSeq);
        b.writeLong(NtpTime.fromInstant(sending));
        b.writeShort(ERROR_ESTIMATE);
        b.writeShort(0);
        b.writeLong(NtpTime.fromInstant(received));
        b.writeInt(test.getInt(r));
        b.writeLong(test.getLong(r + 4));
        b.writeShort(test.getUnsignedShort(r + 12));
        b.writeShort(0);
        b.writeByte(UNKNOWN_TTL);
        b.writeZero(length - b.writerIndex());
        return b;
    }

    /**
     * The sender's fields of a reflector's answer: its sequence number (modulo 2^32, as sent)
     * and its timestamp; empty when the bytes are too short to be an answer.
     */
    public static Optional<Probe> decodeReflected(ByteBuf b) {
        if (b.readableBytes() < REFLECTED_HEADER || b.readableBytes() > MAX_LENGTH) {
            return Optional.empty();
        }
        int r = b.readerIndex();
        long seq = b.getUnsignedInt(r + 24);
        Instant sent = NtpTime.toInstant(b.getLong(r + 28));
        return Optional.of(new Probe(seq, sent.getEpochSecond() * 1_000_000_000L + sent.getNano()));
    }

    /** The full sequence number of a 32-bit one, given the last one sent (at most 2^31 behind it). */
    static long extend(long seq32, long lastSent) {
        return lastSent - ((lastSent - seq32) & 0xFFFF_FFFFL);
    }
}
