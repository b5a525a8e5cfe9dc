package dev.lifeline.media.jitter;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JitterBuffer} behaves, validated once.
 *
 * @param clockRate        RTP clock rate of the payload (8000 for G.711)
 * @param frame            audio per packet and per playout tick (20 ms)
 * @param minDelay         the least buffering delay above the fastest transit seen (20 ms)
 * @param maxDelay         the most buffering delay the buffer grows to (200 ms)
 * @param initialDelay     how long the first packet waits before playout starts
 * @param window           how many recent arrivals the transit percentile is taken over
 * @param quantile         the share of recent packets the target delay should have in time
 * @param shrinkHysteresis surplus over the target, beyond one frame, before shrinking is considered
 * @param shrinkAfter      how long the surplus must last before one frame is dropped in silence;
 *                         five times this and a frame is dropped even in speech
 * @param growSpacing      least time between two inserted frames in the middle of speech
 * @param resyncAfter      a timestamp further ahead of the playout point than this re-anchors playout
 * @param timelineInterval the length of one {@link PlayoutInterval}
 * @param capacity         most packets held; beyond it arrivals are discarded and counted late
 */
public record JitterBufferConfig(int clockRate, Duration frame, Duration minDelay, Duration maxDelay,
                                 Duration initialDelay, int window, double quantile, Duration shrinkHysteresis,
                                 Duration shrinkAfter, Duration growSpacing, Duration resyncAfter,
                                 Duration timelineInterval, int capacity) {

    /** 20 ms G.711 frames at 8 kHz, 20–200 ms of buffering, 98 % of the last 250 packets in time. */
    public static final JitterBufferConfig G711_20MS = new JitterBufferConfig(8000, Duration.ofMillis(20),
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(40), 250, 0.98,
            Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMillis(60), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 256);

    public JitterBufferConfig {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(shrinkHysteresis, "shrinkHysteresis");
        Objects.requireNonNull(shrinkAfter, "shrinkAfter");
        Objects.requireNonNull(growSpacing, "growSpacing");
        Objects.requireNonNull(resyncAfter, "resyncAfter");
        Objects.requireNonNull(timelineInterval, "timelineInterval");
        if (clockRate < 1000 || clockRate > 192_000) {
            throw new IllegalArgumentException("clock rate must be 1000..192000 Hz, was " + clockRate);
        }
        if (frame.isNegative() || frame.isZero() || frame.toNanos() * clockRate % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("frame must be a positive whole number of samples at "
                    + clockRate + " Hz, was " + frame);
        }
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay, was " + minDelay + " and " + maxDelay);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
        }
        if (window < 1 || window > 100_000) {
            throw new IllegalArgumentException("window must be 1..100000 packets, was " + window);
        }
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
        }
        if (shrinkHysteresis.isNegative() || shrinkAfter.isNegative() || growSpacing.isNegative()) {
            throw new IllegalArgumentException("shrinkHysteresis, shrinkAfter and growSpacing must not be negative");
        }
        if (resyncAfter.compareTo(maxDelay.plus(frame)) <= 0) {
            throw new IllegalArgumentException("resyncAfter must exceed maxDelay plus a frame, was " + resyncAfter);
        }
        if (timelineInterval.compareTo(frame) < 0) {
            throw new IllegalArgumentException("timelineInterval must be at least one frame, was " + timelineInterval);
        }
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2 packets, was " + capacity);
        }
    }

    /** RTP timestamp units per frame (160 for 20 ms at 8 kHz). */
    public int samplesPerFrame() {
        return (int) (frame.toNanos() * clockRate / 1_000_000_000L);
    }

    public JitterBufferConfig withDelays(Duration min, Duration initial, Duration max) {
        return new JitterBufferConfig(clockRate, frame, min, max, initial, window, quantile, shrinkHysteresis,
                shrinkAfter, growSpacing, resyncAfter, timelineInterval, capacity);
    }

    public JitterBufferConfig withTimelineInterval(Duration interval) {
        return new JitterBufferConfig(clockRate, frame, minDelay, maxDelay, initialDelay, window, quantile,
                shrinkHysteresis, shrinkAfter, growSpacing, resyncAfter, interval, capacity);
    }
}
