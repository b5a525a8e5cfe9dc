package dev.lifeline.media.relay;

import java.time.Duration;

/**
 * When a leg's latched source may be replaced (see {@link SourceLatch}).
 *
 * @param consistentPackets packets in a row, same source and SSRC, a newcomer must send before it
 *                          may take over
 * @param silence           how long the latched source must have been quiet before a newcomer
 *                          with a different SSRC may take over
 */
public record LatchPolicy(int consistentPackets, Duration silence) {

    /** Five packets is 100 ms of 20 ms audio; one second of silence is a phone that moved, not a pause in speech (VAD sends comfort noise). */
    public static final LatchPolicy DEFAULT = new LatchPolicy(5, Duration.ofSeconds(1));

    public LatchPolicy {
        if (consistentPackets < 1) {
            throw new IllegalArgumentException("consistent packets must be >= 1, was " + consistentPackets);
        }
        if (silence == null || silence.isNegative()) {
            throw new IllegalArgumentException("silence must be a non-negative duration, was " + silence);
        }
    }
}
