package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Ban rule against password guessing and how strict digest authentication is.
 *
 * @param banAfterFailures      a source address with this many password guesses within
 *                              {@code failureWindow} is ignored for {@code banDuration}; an
 *                              address where a phone holds a live registration needs
 *                              {@link #REGISTERED_FACTOR} times as many
 * @param allowDigestWithoutQop accept RFC 2617 digest answers without qop from old phones
 *                              (each nonce then serves one request); off by default because
 *                              such an answer carries no nonce count and could be replayed
 */
public record SecuritySettings(int banAfterFailures, Duration failureWindow, Duration banDuration,
                               boolean allowDigestWithoutQop) {

    /** How many times more guesses it takes to ban an address that holds a live registration. */
    public static final int REGISTERED_FACTOR = 4;

    public static final SecuritySettings DEFAULT =
            new SecuritySettings(5, Duration.ofMinutes(1), Duration.ofMinutes(15), false);

    public SecuritySettings {
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(banDuration, "banDuration");
    }
}
