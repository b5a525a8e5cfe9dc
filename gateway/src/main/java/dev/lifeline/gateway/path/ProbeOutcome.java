package dev.lifeline.gateway.path;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one quality probe.
 *
 * @param seq  the probe's sequence number, consecutive per path
 * @param sent when it left
 * @param rtt  the round trip of its echo; empty when no echo came back within the deadline
 */
public record ProbeOutcome(long seq, Instant sent, Optional<Duration> rtt) {

    public ProbeOutcome {
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(rtt, "rtt");
    }

    public static ProbeOutcome heard(long seq, Instant sent, Duration rtt) {
        return new ProbeOutcome(seq, sent, Optional.of(rtt));
    }

    public static ProbeOutcome lost(long seq, Instant sent) {
        return new ProbeOutcome(seq, sent, Optional.empty());
    }

    public boolean isLost() {
        return rtt.isEmpty();
    }
}
