package dev.lifeline.drill.lab.wan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one direction of an emulated WAN link does to the packets that cross it. An immutable
 * value; change it with the {@code with…} methods and apply it with
 * {@link WanEmulator#setImpairment(Direction, Impairment)}.
 *
 * <p>The order a packet meets them in: blackhole (dropped), the rate limiter's bounded queue
 * (tail drop when full, otherwise it waits its turn: bufferbloat), random loss, Gilbert-Elliott
 * loss, then the propagation delay with jitter, and last duplication. See {@link LinkModel}.
 *
 * @param blackhole  the link is down: every packet is dropped, queued ones too
 * @param delay      one-way propagation delay added to every packet
 * @param jitter     the delay varies uniformly within {@code delay ± jitter} (never below zero)
 * @param reorder    when false (default) a packet never overtakes an earlier one, as in a real
 *                   queue, so jitter only stretches gaps; when true each packet's delay is drawn
 *                   independently and packets may arrive out of order
 * @param loss       independent random loss probability, 0..1
 * @param burst      bursty loss on top of {@code loss}; {@link GilbertElliott#OFF} for none
 * @param rateBitsPerSecond bottleneck rate; 0 means unlimited (no queue)
 * @param queueBytes the bottleneck's buffer in bytes; used only when the rate is limited
 * @param duplicate  probability that a delivered packet arrives twice, 0..1
 */
public record Impairment(boolean blackhole, Duration delay, Duration jitter, boolean reorder,
                         double loss, GilbertElliott burst, long rateBitsPerSecond, int queueBytes,
                         double duplicate) {

    /** Default bottleneck buffer: 64 KiB, a small router's queue. */
    public static final int DEFAULT_QUEUE_BYTES = 64 * 1024;

    /** A clean link: no loss, no delay, no limit. */
    public static final Impairment NONE = new Impairment(false, Duration.ZERO, Duration.ZERO, false,
            0, GilbertElliott.OFF, 0, DEFAULT_QUEUE_BYTES, 0);

    public Impairment {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(burst, "burst (use GilbertElliott.OFF for none)");
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative, got delay "
                    + delay + " and jitter " + jitter);
        }
        requireProbability("loss", loss);
        requireProbability("duplicate", duplicate);
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or positive bits/s, got "
                    + rateBitsPerSecond);
        }
        if (queueBytes <= 0) {
            throw new IllegalArgumentException("queue must hold at least one byte, got " + queueBytes);
        }
    }

    static void requireProbability(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability between 0 and 1, got "
                    + value);
        }
    }

    public Impairment withBlackhole(boolean down) {
        return new Impairment(down, delay, jitter, reorder, loss, burst, rateBitsPerSecond, queueBytes,
                duplicate);
    }

    public Impairment withDelay(Duration value) {
        return new Impairment(blackhole, value, jitter, reorder, loss, burst, rateBitsPerSecond,
                queueBytes, duplicate);
    }

    /** Delay and jitter together: each packet's delay is uniform in {@code delay ± jitter}. */
    public Impairment withDelay(Duration value, Duration plusMinus) {
        return new Impairment(blackhole, value, plusMinus, reorder, loss, burst, rateBitsPerSecond,
                queueBytes, duplicate);
    }

    public Impairment withReorder(boolean allowed) {
        return new Impairment(blackhole, delay, jitter, allowed, loss, burst, rateBitsPerSecond,
                queueBytes, duplicate);
    }

    public Impairment withLoss(double probability) {
        return new Impairment(blackhole, delay, jitter, reorder, probability, burst, rateBitsPerSecond,
                queueBytes, duplicate);
    }

    public Impairment withBurst(GilbertElliott model) {
        return new Impairment(blackhole, delay, jitter, reorder, loss, model, rateBitsPerSecond,
                queueBytes, duplicate);
    }

    /** A bottleneck of {@code bitsPerSecond} with a buffer of {@code bytes} (tail drop beyond). */
    public Impairment withRate(long bitsPerSecond, int bytes) {
        return new Impairment(blackhole, delay, jitter, reorder, loss, burst, bitsPerSecond, bytes,
                duplicate);
    }

    public Impairment withDuplicate(double probability) {
        return new Impairment(blackhole, delay, jitter, reorder, loss, burst, rateBitsPerSecond,
                queueBytes, probability);
    }

    /** A short human description for logs and drill reports, e.g. "delay 80ms ±20ms, loss 3%". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (blackhole) {
            parts.add("blackhole");
        }
        if (!delay.isZero() || !jitter.isZero()) {
            parts.add("delay " + delay.toMillis() + "ms" + (jitter.isZero() ? "" : " ±" + jitter.toMillis()
                    + "ms" + (reorder ? " reordering" : "")));
        }
        if (loss > 0) {
            parts.add("loss " + percent(loss));
        }
        if (burst.active()) {
            parts.add("bursts p=" + burst.p() + " r=" + burst.r() + " (mean " + percent(burst.meanLoss())
                    + ")");
        }
        if (rateBitsPerSecond > 0) {
            parts.add("rate " + rateBitsPerSecond / 1000 + "kbit/s queue " + queueBytes + "B");
        }
        if (duplicate > 0) {
            parts.add("duplicate " + percent(duplicate));
        }
        return parts.isEmpty() ? "clean" : String.join(", ", parts);
    }

    private static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.3g%%", p * 100);
    }
}
