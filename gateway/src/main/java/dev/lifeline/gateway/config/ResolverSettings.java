package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code dns:} section: how the gateway asks each WAN path's resolvers (RFC 3263 lookups of
 * the providers) and how long it may keep serving an answer they can no longer confirm.
 *
 * @param queryTimeout how long one query to one resolver may take before the next is asked
 * @param attempts     how many rounds over a path's resolvers before the lookup counts as failed
 * @param maxStale     how long past its TTL an answer may still be served when every resolver
 *                     fails (RFC 8767's maximum stale timer); zero turns serve-stale off
 */
public record ResolverSettings(Duration queryTimeout, int attempts, Duration maxStale) {

    /** 1 s per query, 2 rounds, answers served up to 1 day stale. */
    public static final ResolverSettings DEFAULT = new ResolverSettings(Duration.ofSeconds(1), 2, Duration.ofDays(1));

    public ResolverSettings {
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(maxStale, "maxStale");
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("dns.queryTimeout must be positive, was " + queryTimeout);
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("dns.attempts " + attempts + " is outside 1-" + MAX_ATTEMPTS);
        }
        if (maxStale.isNegative()) {
            throw new IllegalArgumentException("dns.maxStale must not be negative, was " + maxStale);
        }
    }

    /** More rounds only delay the answer "DNS is down" that serve-stale and failover act on. */
    public static final int MAX_ATTEMPTS = 10;
}
