package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Ban rule against password guessing: a source address with {@code banAfterFailures} failed
 * authentications within {@code failureWindow} is ignored for {@code banDuration}.
 */
public record SecuritySettings(int banAfterFailures, Duration failureWindow, Duration banDuration) {

    public static final SecuritySettings DEFAULT =
            new SecuritySettings(5, Duration.ofMinutes(1), Duration.ofMinutes(15));

    public SecuritySettings {
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(banDuration, "banDuration");
    }
}
