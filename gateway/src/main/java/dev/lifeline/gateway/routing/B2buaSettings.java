package dev.lifeline.gateway.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * The B2BUA's own timers.
 *
 * @param ringTimeout how long a call to an extension or a trunk may ring before the gateway gives
 *                    up with 480 (groups use their own ring timeout). RFC 3261 leaves this to
 *                    the UAC (Timer C is a proxy's); without it a call could ring for ever once
 *                    a provisional response stopped Timer B.
 * @param targetTimeout how long an INVITE to a provider target waits for any response before
 *                      the next target is tried (RFC 3263 §4.3): Timer B of that transaction.
 *                      The last target keeps the full 64*T1.
 */
public record B2buaSettings(Duration ringTimeout, Duration targetTimeout) {

    public static final B2buaSettings DEFAULT = new B2buaSettings(Duration.ofMinutes(2),
            dev.lifeline.gateway.config.SignallingSettings.DEFAULT_TARGET_TIMEOUT);

    public B2buaSettings {
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(targetTimeout, "targetTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ring timeout must be positive, was " + ringTimeout);
        }
        if (targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("target timeout must be positive, was " + targetTimeout);
        }
    }

    public B2buaSettings(Duration ringTimeout) {
        this(ringTimeout, dev.lifeline.gateway.config.SignallingSettings.DEFAULT_TARGET_TIMEOUT);
    }
}
