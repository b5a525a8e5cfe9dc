package dev.lifeline.gateway.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PathResolver} asks and caches.
 *
 * @param queryTimeout     how long one query to one resolver may take before the next resolver
 *                         is asked (default 1 s)
 * @param attempts         how many times the whole resolver list is tried before the lookup
 *                         counts as failed (default 2; UDP queries get lost)
 * @param maxStale         how long past its TTL an answer may still be served when every
 *                         resolver fails (RFC 8767 §5 "maximum stale timer", default 1 day)
 * @param staleAnswerTtl   the TTL given to a stale answer, and how long it is served without
 *                         asking again (RFC 8767 §4 recommends 30 s)
 * @param negativeCacheCap the longest an NXDOMAIN or NODATA answer is cached, whatever its SOA
 *                         says (RFC 2308 §5; default 5 min, so that a provider fixing a missing
 *                         record is seen soon)
 */
public record DnsSettings(Duration queryTimeout, int attempts, Duration maxStale, Duration staleAnswerTtl,
                          Duration negativeCacheCap) {

    /** 1 s timeout, 2 attempts, 1 day max-stale, 30 s stale TTL, 5 min negative cap. */
    public static final DnsSettings DEFAULTS = new DnsSettings(Duration.ofSeconds(1), 2, Duration.ofDays(1),
            Duration.ofSeconds(30), Duration.ofMinutes(5));

    public DnsSettings {
        positive("queryTimeout", queryTimeout);
        notNegative("maxStale", maxStale);
        positive("staleAnswerTtl", staleAnswerTtl);
        notNegative("negativeCacheCap", negativeCacheCap);
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("DNS attempts " + attempts + " is outside 1-10");
        }
    }

    public DnsSettings withQueryTimeout(Duration value) {
        return new DnsSettings(value, attempts, maxStale, staleAnswerTtl, negativeCacheCap);
    }

    public DnsSettings withAttempts(int value) {
        return new DnsSettings(queryTimeout, value, maxStale, staleAnswerTtl, negativeCacheCap);
    }

    public DnsSettings withMaxStale(Duration value) {
        return new DnsSettings(queryTimeout, attempts, value, staleAnswerTtl, negativeCacheCap);
    }

    public DnsSettings withStaleAnswerTtl(Duration value) {
        return new DnsSettings(queryTimeout, attempts, maxStale, value, negativeCacheCap);
    }

    public DnsSettings withNegativeCacheCap(Duration value) {
        return new DnsSettings(queryTimeout, attempts, maxStale, staleAnswerTtl, value);
    }

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("DNS " + field + " must be positive, was " + d);
        }
    }

    private static void notNegative(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException("DNS " + field + " must not be negative, was " + d);
        }
    }
}
