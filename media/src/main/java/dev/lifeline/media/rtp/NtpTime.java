package dev.lifeline.media.rtp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64 bits of seconds since 1900 with a
 * 32-bit binary fraction, and the "short" 32-bit form (16.16 seconds) used by LSR and DLSR.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 to the Unix epoch. */
    static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of an instant (era 0, wraps in 2036 as NTP does). */
    public static long fromInstant(Instant t) {
        long seconds = t.getEpochSecond() + EPOCH_OFFSET_SECONDS;
        long fraction = ((long) t.getNano() << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** The instant of a 64-bit NTP timestamp in era 0, to the nanosecond (rounded down). */
    public static Instant toInstant(long ntp) {
        long seconds = (ntp >>> 32) - EPOCH_OFFSET_SECONDS;
        long nanos = ((ntp & 0xFFFF_FFFFL) * NANOS_PER_SECOND) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The middle 32 bits: what an RR echoes as LSR. */
    public static long toShort(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    public static long shortFromInstant(Instant t) {
        return toShort(fromInstant(t));
    }

    /** A duration in 1/65536 s units (rounded to nearest), as DLSR carries it, saturating at 32 bits. */
    public static long toShortUnits(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        // The short format tops out at 65536 s; beyond it (and before nanos << 16 could overflow)
        // the field saturates.
        if (d.compareTo(Duration.ofSeconds(65_536)) >= 0) {
            return 0xFFFF_FFFFL;
        }
        return ((d.toNanos() << 16) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    }

    /** A duration of 1/65536 s units, rounded to the nearest nanosecond. */
    public static Duration fromShortUnits(long units) {
        return Duration.ofNanos((units * NANOS_PER_SECOND + (1 << 15)) >>> 16);
    }

    /**
     * Round-trip time from a report block (RFC 3550 §6.4.1): RTT = A − LSR − DLSR, where A is
     * when the block arrived, all in NTP short format and modulo 2^32. Empty when the block
     * carries no LSR (no SR received yet) or the result is not plausible (negative after the
     * modular arithmetic, i.e. more than half the 18-hour short-format range).
     */
    public static Optional<Duration> roundTrip(long arrivalShort, long lsr, long dlsr) {
        if (lsr == 0) {
            return Optional.empty();
        }
        long rtt = (arrivalShort - lsr - dlsr) & 0xFFFF_FFFFL;
        if (rtt >= 0x8000_0000L) {
            return Optional.empty();
        }
        return Optional.of(fromShortUnits(rtt));
    }
}
