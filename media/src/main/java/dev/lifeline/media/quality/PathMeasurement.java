package dev.lifeline.media.quality;

import java.time.Duration;

/**
 * What a receiver measured on one media stream or probe stream over an interval: the inputs
 * {@link QualityEstimator} turns into an E-model rating.
 *
 * @param lossFraction       packets lost / packets expected, in [0, 1] (RFC 3550 §6.4.1)
 * @param burstRatio         observed mean loss-run length over the random-loss mean
 *                           (G.113 Appendix I); 1 when loss is random or absent
 * @param networkOneWayDelay one-way network delay, e.g. half the RTCP round-trip time
 * @param jitterBufferDelay  delay the receiver's jitter buffer adds
 * @param codingDelay        packetization and codec look-ahead (20 ms for 20 ms G.711 frames)
 */
public record PathMeasurement(double lossFraction, double burstRatio, Duration networkOneWayDelay,
                              Duration jitterBufferDelay, Duration codingDelay) {

    public PathMeasurement {
        if (!(lossFraction >= 0 && lossFraction <= 1)) {
            throw new IllegalArgumentException("loss fraction must be in [0, 1], was " + lossFraction);
        }
        if (!(burstRatio > 0) || Double.isInfinite(burstRatio)) {
            throw new IllegalArgumentException("burst ratio must be finite and > 0, was " + burstRatio);
        }
        requireNonNegative("network one-way delay", networkOneWayDelay);
        requireNonNegative("jitter buffer delay", jitterBufferDelay);
        requireNonNegative("coding delay", codingDelay);
    }

    /** Mouth-to-ear delay: network plus jitter buffer plus coding. */
    public Duration mouthToEarDelay() {
        return networkOneWayDelay.plus(jitterBufferDelay).plus(codingDelay);
    }

    private static void requireNonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a non-negative duration, was " + d);
        }
    }
}
