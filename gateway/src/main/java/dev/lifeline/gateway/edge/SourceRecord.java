package dev.lifeline.gateway.edge;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ban rule remembers about one source address.
 *
 * @param failures    authentication failures still inside the failure window, oldest first
 * @param bannedUntil the end of the current or last ban
 */
public record SourceRecord(List<Instant> failures, Optional<Instant> bannedUntil) {

    /** A source with no failures and no ban. */
    public static final SourceRecord CLEAN = new SourceRecord(List.of(), Optional.empty());

    public SourceRecord {
        failures = List.copyOf(failures);
        Objects.requireNonNull(bannedUntil, "bannedUntil");
    }
}
