package dev.lifeline.gateway.trunk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trunk reports: a value the event log, status page and tests read.
 *
 * @param name         the trunk's configured name
 * @param status       where it stands
 * @param since        when it entered {@code status} (unchanged by refreshes or repeated failures)
 * @param reason       why, in words for the operator, e.g. "authentication failed (401 after credentials)"
 * @param expiresAt    when the provider's binding lapses, as last granted; it may lie in the past while failing
 * @param retryAt      when the next REGISTER goes out after a failure
 * @param lastResponse the provider's last final response to a REGISTER (or OPTIONS for a probe-only trunk)
 */
public record TrunkState(String name, TrunkStatus status, Instant since, String reason, Optional<Instant> expiresAt,
                         Optional<Instant> retryAt, Optional<ResponseLine> lastResponse) {

    public TrunkState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(lastResponse, "lastResponse");
    }

    static TrunkState initial(String name, TrunkStatus status, Instant now) {
        return new TrunkState(name, status, now, "not started", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** In {@code next} for {@code why}; {@code since} moves only when the status does. */
    TrunkState to(TrunkStatus next, String why, Instant now) {
        Instant from = next == status ? since : now;
        return new TrunkState(name, next, from, why, expiresAt, retryAt, lastResponse);
    }

    TrunkState withExpiresAt(Optional<Instant> value) {
        return new TrunkState(name, status, since, reason, value, retryAt, lastResponse);
    }

    TrunkState withRetryAt(Optional<Instant> value) {
        return new TrunkState(name, status, since, reason, expiresAt, value, lastResponse);
    }

    TrunkState withLastResponse(ResponseLine value) {
        return new TrunkState(name, status, since, reason, expiresAt, retryAt, Optional.of(value));
    }
}
