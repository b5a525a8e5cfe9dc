package dev.lifeline.gateway.path;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the policy remembers about one path.
 *
 * @param name             the path's configured name
 * @param priority         lower is preferred
 * @param qualityProbed    whether a quality probe stream runs on it (a reflector is configured);
 *                         without one, silence and R are not judged and OPTIONS alone decide
 * @param state            up, down or recovering
 * @param since            when it entered that state
 * @param reason           why it did
 * @param lastHeard        the last quality-probe echo (the start time before any)
 * @param optionsFailures  consecutive failed OPTIONS rounds
 * @param lastOptionsFailure the reason of the last failed round, "" if none
 * @param belowFloorSince  since when every fresh window rated R below the floor
 * @param quality          the last window summary, for status
 * @param qualityFrom      windows that start before this are stale (they reach back into a
 *                         silence the policy already acted on) and are not judged
 * @param holdDown         the hold-down this recovery needs (lengthened while damping)
 * @param suspectSince     since when the path is suspect and being confirmed (media silent, or
 *                         an OPTIONS probe failed); empty when it is not
 * @param suspectReason    why it is suspect, "" when it is not
 */
public record PathHealth(String name, int priority, boolean qualityProbed, PathState state, Instant since,
                         String reason, Instant lastHeard, int optionsFailures, String lastOptionsFailure,
                         Optional<Instant> belowFloorSince, Optional<QualitySummary> quality, Instant qualityFrom,
                         Duration holdDown, Optional<Instant> suspectSince, String suspectReason) {

    public PathHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastHeard, "lastHeard");
        Objects.requireNonNull(lastOptionsFailure, "lastOptionsFailure");
        Objects.requireNonNull(belowFloorSince, "belowFloorSince");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(qualityFrom, "qualityFrom");
        Objects.requireNonNull(holdDown, "holdDown");
        Objects.requireNonNull(suspectSince, "suspectSince");
        Objects.requireNonNull(suspectReason, "suspectReason");
    }

    static PathHealth presumedUp(String name, int priority, boolean qualityProbed, Instant now, Duration holdDown) {
        return new PathHealth(name, priority, qualityProbed, PathState.UP, now, "assumed up at start", now, 0, "",
                Optional.empty(), Optional.empty(), now, holdDown, Optional.empty(), "");
    }

    /** A change of state ends any suspicion: it was confirmed, or the path is not up any more. */
    PathHealth moveTo(PathState newState, Instant at, String why) {
        return new PathHealth(name, priority, qualityProbed, newState, at, why, lastHeard, optionsFailures,
                lastOptionsFailure, belowFloorSince, quality, qualityFrom, holdDown, Optional.empty(), "");
    }

    PathHealth suspect(Instant at, String why) {
        return new PathHealth(name, priority, qualityProbed, state, since, reason, lastHeard, optionsFailures,
                lastOptionsFailure, belowFloorSince, quality, qualityFrom, holdDown, Optional.of(at), why);
    }

    PathHealth cleared() {
        return suspectSince.isEmpty() ? this : new PathHealth(name, priority, qualityProbed, state, since, reason,
                lastHeard, optionsFailures, lastOptionsFailure, belowFloorSince, quality, qualityFrom, holdDown,
                Optional.empty(), "");
    }

    /**
     * This path with {@code stall} not counted as silence: the last echo and the start of a
     * suspicion move later by it (never past {@code now}).
     */
    PathHealth excusing(Duration stall, Instant now) {
        Instant heard = min(lastHeard.plus(stall), now);
        Optional<Instant> suspect = suspectSince.map(t -> min(t.plus(stall), now));
        return new PathHealth(name, priority, qualityProbed, state, since, reason, heard, optionsFailures,
                lastOptionsFailure, belowFloorSince, quality, qualityFrom, holdDown, suspect, suspectReason);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    PathHealth withHoldDown(Duration d) {
        return new PathHealth(name, priority, qualityProbed, state, since, reason, lastHeard, optionsFailures,
                lastOptionsFailure, belowFloorSince, quality, qualityFrom, d, suspectSince, suspectReason);
    }

    PathHealth heard(Instant at, Instant newQualityFrom) {
        return new PathHealth(name, priority, qualityProbed, state, since, reason, at, optionsFailures,
                lastOptionsFailure, newQualityFrom.equals(qualityFrom) ? belowFloorSince : Optional.empty(),
                quality, newQualityFrom, holdDown, suspectSince, suspectReason);
    }

    PathHealth options(int failures, String lastFailure) {
        return new PathHealth(name, priority, qualityProbed, state, since, reason, lastHeard, failures,
                lastFailure, belowFloorSince, quality, qualityFrom, holdDown, suspectSince, suspectReason);
    }

    PathHealth measured(QualitySummary summary, Optional<Instant> newBelowFloorSince) {
        return new PathHealth(name, priority, qualityProbed, state, since, reason, lastHeard, optionsFailures,
                lastOptionsFailure, newBelowFloorSince, Optional.of(summary), qualityFrom, holdDown, suspectSince,
                suspectReason);
    }

    /** Whether the quality probe stream has been silent at least {@code window} at {@code now}. */
    boolean silent(Instant now, Duration window) {
        return qualityProbed && Duration.between(lastHeard, now).compareTo(window) >= 0;
    }
}
