package dev.lifeline.gateway.path;

import dev.lifeline.media.quality.CodecImpairment;
import java.time.Duration;
import java.util.Objects;

/**
 * How a quality probe stream is turned into figures: the sliding window, when an unanswered
 * probe counts as lost, and the receiver the E-model imagines at the far end.
 *
 * @param window        probes sent within this long are summarised together (5 s)
 * @param echoDeadline  a probe whose echo has not come back within this is lost; the window
 *                      ends this long before "now" so that no probe still in flight is counted
 * @param jitterBuffer  the fixed jitter-buffer allowance: added to the mouth-to-ear delay, and a
 *                      probe whose one-way delay variation ((RTT − min RTT) / 2) exceeds it would
 *                      have arrived too late to be played, so it counts as lost for R (not for
 *                      the loss % shown)
 * @param codingDelay   packetisation delay of the voice frames (20 ms G.711 frames)
 * @param codec         the codec R is computed for (G.711 with packet-loss concealment)
 * @param probeInterval the gap between two probes (20 ms: 50 probes/s, like a G.711 stream)
 */
public record QualityModel(Duration window, Duration echoDeadline, Duration jitterBuffer, Duration codingDelay,
                           CodecImpairment codec, Duration probeInterval) {

    public static final QualityModel DEFAULT = new QualityModel(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofMillis(40), Duration.ofMillis(20), CodecImpairment.G711_PLC, Duration.ofMillis(20));

    public QualityModel {
        Objects.requireNonNull(codec, "codec");
        requirePositive("window", window);
        requirePositive("echoDeadline", echoDeadline);
        requirePositive("probeInterval", probeInterval);
        if (jitterBuffer == null || jitterBuffer.isNegative() || codingDelay == null || codingDelay.isNegative()) {
            throw new IllegalArgumentException("jitterBuffer and codingDelay must be non-negative durations");
        }
    }

    /** Probes that fit in one window plus the probes still in flight: the prober's memory bound. */
    public int capacity() {
        return (int) (window.plus(echoDeadline).toNanos() / probeInterval.toNanos()) + 2;
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }
}
