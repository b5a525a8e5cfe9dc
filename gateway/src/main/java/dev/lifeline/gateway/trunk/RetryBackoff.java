package dev.lifeline.gateway.trunk;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before registering again after failures: RFC 5626 §4.5.
 * <pre>
 *   wait-time = min(max-time, base-time * 2^consecutive-failures)
 *   retry after a random time between 50 % and 100 % of wait-time
 * </pre>
 * with base-time 30 s when every flow failed, 60 s when some flow still works, max-time 1800 s.
 * {@code consecutive-failures} counts the failure just seen, as in the RFC's own example
 * (base 30 s, three failures: up to 240 s), so the first retry comes 30-60 s after the first
 * failure, the second 60-120 s, then 120-240 s, ... up to 900-1800 s.
 *
 * <p>The jitter is what matters at scale: after a provider outage, thousands of sites must not
 * come back in the same second. A lab wants the same shape with a shorter base ({@link #lab}).
 *
 * @param baseAllFailed base-time when no flow to the provider works (a trunk has one flow: this one)
 * @param baseSomeOk    base-time when another flow still works
 * @param max           max-time, the cap on wait-time
 */
public record RetryBackoff(Duration baseAllFailed, Duration baseSomeOk, Duration max) {

    /** RFC 5626 §4.5 defaults: 30 s, 60 s, 1800 s. */
    public static final RetryBackoff RFC_5626 =
            new RetryBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1800));

    public RetryBackoff {
        Objects.requireNonNull(baseAllFailed, "baseAllFailed");
        Objects.requireNonNull(baseSomeOk, "baseSomeOk");
        Objects.requireNonNull(max, "max");
        if (baseAllFailed.toMillis() < 1 || baseSomeOk.toMillis() < 1) {
            throw new IllegalArgumentException("base times must be at least 1 ms");
        }
        if (max.compareTo(baseAllFailed) < 0 || max.compareTo(baseSomeOk) < 0) {
            throw new IllegalArgumentException("max-time " + max + " is below a base time");
        }
    }

    /** The RFC's shape with a shorter base for labs and tests; some-ok base is twice {@code base}. */
    public static RetryBackoff lab(Duration base, Duration max) {
        return new RetryBackoff(base, base.multipliedBy(2), max);
    }

    /** wait-time after {@code failures} consecutive failures (at least 1). */
    public Duration upperBound(int failures, boolean allFlowsFailed) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        long base = (allFlowsFailed ? baseAllFailed : baseSomeOk).toMillis();
        long cap = max.toMillis();
        // Doubling past the cap in a loop cannot overflow: it stops at the first value above it.
        long wait = base;
        for (int i = 0; i < failures && wait < cap; i++) {
            wait *= 2;
        }
        return Duration.ofMillis(Math.min(cap, wait));
    }

    /** The actual wait: uniform in [50 %, 100 %] of {@link #upperBound}, to the millisecond. */
    public Duration draw(int failures, boolean allFlowsFailed, RandomGenerator random) {
        long upper = upperBound(failures, allFlowsFailed).toMillis();
        return Duration.ofMillis(random.nextLong((upper + 1) / 2, upper + 1));
    }
}
