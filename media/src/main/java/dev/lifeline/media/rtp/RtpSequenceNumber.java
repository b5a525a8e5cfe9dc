package dev.lifeline.media.rtp;

/**
 * 16-bit RTP sequence numbers compared across the wrap at 65535 → 0 (RFC 3550 §5.1): a number
 * is newer than another when it is less than half the space (32768) ahead of it.
 */
public final class RtpSequenceNumber {

    public static final int MODULUS = 1 << 16;

    private RtpSequenceNumber() {
    }

    /** Signed distance from {@code from} to {@code to}, in [−32768, 32767]; 65535 → 1 is +2. */
    public static int diff(int to, int from) {
        return (short) (to - from);
    }

    /** True when {@code a} comes after {@code b}. */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** Comparator order across the wrap; consistent only for numbers within half the space. */
    public static int compare(int a, int b) {
        return Integer.signum(diff(a, b));
    }

    public static int next(int seq) {
        return (seq + 1) & 0xFFFF;
    }

    /** Forward distance, the unsigned 16-bit difference A.1 calls udelta. */
    public static int forwardDistance(int to, int from) {
        return (to - from) & 0xFFFF;
    }
}
