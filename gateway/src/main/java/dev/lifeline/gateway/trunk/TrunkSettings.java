package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.Trunk;
import java.time.Duration;
import java.util.Objects;

/**
 * How a trunk registers and keeps alive, validated once.
 *
 * @param register         false for a trunk that is only probed with OPTIONS
 * @param expires          the Expires asked for in REGISTER (a 423 raises it to the provider's Min-Expires)
 * @param refreshFraction  refresh when this share of the granted time is left (default 10 %) ...
 * @param refreshFloor     ... or when this much is left if that is more (default 32 s: a refresh that
 *                         meets a dead provider then fails by Timer F, 64*T1, before the binding lapses)
 * @param backoff          retries after failures (RFC 5626 §4.5)
 * @param keepalive        OPTIONS interval to the provider while registered (default 30 s); the path
 *                         prober does the fast (1 s) probing, this one keeps NAT state and notices a
 *                         provider that lost us without a path failure
 * @param keepaliveFailures consecutive failed OPTIONS (no answer or transport error) that mark the trunk
 *                         failing and trigger a REGISTER (default 2: one lost exchange is not an outage)
 */
public record TrunkSettings(boolean register, Duration expires, double refreshFraction, Duration refreshFloor,
                            RetryBackoff backoff, Duration keepalive, int keepaliveFailures) {

    public static final TrunkSettings DEFAULT = new TrunkSettings(true, Duration.ofSeconds(3600), 0.10,
            Duration.ofSeconds(32), RetryBackoff.RFC_5626, Duration.ofSeconds(30), 2);

    public TrunkSettings {
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(refreshFloor, "refreshFloor");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(keepalive, "keepalive");
        if (expires.toSeconds() < 1) {
            throw new IllegalArgumentException("expires must be at least 1 s, got " + expires);
        }
        if (!(refreshFraction > 0 && refreshFraction < 1)) {
            throw new IllegalArgumentException("refreshFraction must be between 0 and 1, got " + refreshFraction);
        }
        if (refreshFloor.isNegative() || keepalive.toMillis() < 1 || keepaliveFailures < 1) {
            throw new IllegalArgumentException("refreshFloor must not be negative, keepalive and keepaliveFailures positive");
        }
    }

    /** The defaults with the trunk's own register flag and Expires. */
    public static TrunkSettings forTrunk(Trunk trunk) {
        return DEFAULT.withRegister(trunk.register()).withExpires(trunk.registrationExpires());
    }

    /**
     * When to refresh a binding granted for {@code granted}: once only the margin (the larger of
     * {@code refreshFraction} of it and {@code refreshFloor}) is left, but never before half of it
     * has passed, so that short expiries (a lab's 2 s, a provider's 60 s) refresh at half-life
     * instead of at once.
     */
    public Duration refreshAfter(Duration granted) {
        long total = granted.toMillis();
        long margin = Math.max((long) (total * refreshFraction), refreshFloor.toMillis());
        return Duration.ofMillis(Math.max(total / 2, total - margin));
    }

    public TrunkSettings withRegister(boolean value) {
        return new TrunkSettings(value, expires, refreshFraction, refreshFloor, backoff, keepalive, keepaliveFailures);
    }

    public TrunkSettings withExpires(Duration value) {
        return new TrunkSettings(register, value, refreshFraction, refreshFloor, backoff, keepalive, keepaliveFailures);
    }

    public TrunkSettings withBackoff(RetryBackoff value) {
        return new TrunkSettings(register, expires, refreshFraction, refreshFloor, value, keepalive, keepaliveFailures);
    }

    public TrunkSettings withKeepalive(Duration interval, int failures) {
        return new TrunkSettings(register, expires, refreshFraction, refreshFloor, backoff, interval, failures);
    }
}
