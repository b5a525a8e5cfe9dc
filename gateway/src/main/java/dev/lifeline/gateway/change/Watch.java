package dev.lifeline.gateway.change;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An applied version under watch: its health gates run until {@code gatesUntil}; if the operator
 * asked to confirm it, {@code lifeline config confirm} must come before {@code confirmBy}. Pure:
 * the caller brings the gates' verdict and the time.
 *
 * @param confirmBy empty when no confirmation was asked for (the gates alone decide)
 * @param confirmed whether the operator confirmed it
 */
public record Watch(int version, Instant appliedAt, Instant gatesUntil, Optional<Instant> confirmBy,
                    boolean confirmed) {

    public Watch {
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(gatesUntil, "gatesUntil");
        Objects.requireNonNull(confirmBy, "confirmBy");
    }

    public static Watch start(int version, Instant now, Duration gates, Optional<Duration> confirmWithin) {
        return new Watch(version, now, now.plus(gates), confirmWithin.map(now::plus), false);
    }

    public Watch confirm() {
        return new Watch(version, appliedAt, gatesUntil, confirmBy, true);
    }

    /** What to do now. */
    public sealed interface Verdict {
        /** Keep watching. */
        record Wait() implements Verdict {
        }

        /** Keep the version: gates passed for their whole window and it was confirmed if asked. */
        record Keep(String by) implements Verdict {
        }

        /** Undo the version, saying why. */
        record Undo(String reason) implements Verdict {
        }
    }

    /**
     * @param gateFailure the health gates' failure now, if any
     */
    public Verdict judge(Optional<String> gateFailure, Instant now) {
        if (gateFailure.isPresent()) {
            return new Verdict.Undo("health gate failed: " + gateFailure.get());
        }
        if (confirmBy.isPresent() && !confirmed && !now.isBefore(confirmBy.get())) {
            return new Verdict.Undo("not confirmed within " + seconds(Duration.between(appliedAt, confirmBy.get()))
                    + " (lifeline config confirm)");
        }
        if (!now.isBefore(gatesUntil) && (confirmBy.isEmpty() || confirmed)) {
            return new Verdict.Keep(confirmed ? "operator" : "gates");
        }
        return new Verdict.Wait();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
