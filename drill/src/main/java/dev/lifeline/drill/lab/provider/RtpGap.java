package dev.lifeline.drill.lab.provider;

import java.time.Duration;
import java.time.Instant;

/** A silence in a call's arriving RTP: no packet between {@code from} and {@code to}. */
public record RtpGap(Instant from, Instant to) {

    public Duration length() {
        return Duration.between(from, to);
    }
}
