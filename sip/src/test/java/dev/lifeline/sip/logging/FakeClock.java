package dev.lifeline.sip.logging;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class FakeClock implements InstantSource {

    private Instant now = Instant.parse("2025-03-01T09:00:00Z");

    void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
