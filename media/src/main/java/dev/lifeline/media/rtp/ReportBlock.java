package dev.lifeline.media.rtp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1). Unsigned 32-bit fields are
 * held in longs.
 *
 * @param ssrc                     the source this block reports on
 * @param fractionLost             loss since the previous report, in 1/256 units, 0–255
 * @param cumulativeLost           expected minus received since the start, a signed 24-bit
 *                                 value (duplicates can make it negative)
 * @param extendedHighestSequence  cycles × 65536 + highest sequence number received
 * @param jitter                   interarrival jitter in timestamp units
 * @param lastSenderReport         LSR: middle 32 bits of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSenderReport DLSR: time since that SR arrived, in 1/65536 s
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    public static final int LENGTH = 24;
    public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    public static final int MIN_CUMULATIVE_LOST = -0x800000;

    public ReportBlock {
        requireUnsigned32("ssrc", ssrc);
        requireUnsigned32("extended highest sequence", extendedHighestSequence);
        requireUnsigned32("jitter", jitter);
        requireUnsigned32("LSR", lastSenderReport);
        requireUnsigned32("DLSR", delaySinceLastSenderReport);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0..255, was " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost must fit 24 signed bits, was " + cumulativeLost);
        }
    }

    /** Fraction lost as a number in [0, 1). */
    public double fractionLostRatio() {
        return fractionLost / 256.0;
    }

    static void requireUnsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be an unsigned 32-bit value, was " + value);
        }
    }
}
