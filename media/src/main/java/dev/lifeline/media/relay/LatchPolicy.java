package dev.lifeline.media.relay;

import java.time.Duration;

/**
 * When a leg's latched source may be replaced (see {@link SourceLatch}).
 *
 * @param consistentPackets packets in a row, same source and SSRC, a newcomer must send before it
 *                          may take over
 * @param silence           how long the latched source must have been quiet before a newcomer
 *                          may take over; while it sends, nobody else is heard on the leg
 */
public record LatchPolicy(int consistentPackets, Duration silence) {

    /**
     * Five packets is 100 ms of 20 ms audio. Two seconds: a live stream sends every 20-30 ms and
     * a phone with VAD sends comfort noise, so even a bad WAN's loss bursts or a jitter spike
     * leave gaps far shorter; two seconds of nothing is a phone that restarted or a NAT that
     * rebound, which is then heard again after a short gap. Shorter would let a spoofer take a
     * leg during a pause; longer would keep a rebound phone mute for longer.
     */
    public static final LatchPolicy DEFAULT = new LatchPolicy(5, Duration.ofSeconds(2));

    public LatchPolicy {
        if (consistentPackets < 1) {
            throw new IllegalArgumentException("consistent packets must be >= 1, was " + consistentPackets);
        }
        if (silence == null || silence.isNegative()) {
            throw new IllegalArgumentException("silence must be a non-negative duration, was " + silence);
        }
    }
}
