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
 */
public record B2buaSettings(Duration ringTimeout) {

    public static final B2buaSettings DEFAULT = new B2buaSettings(Duration.ofMinutes(2));

    public B2buaSettings {
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ring timeout must be positive, was " + ringTimeout);
        }
    }
}
