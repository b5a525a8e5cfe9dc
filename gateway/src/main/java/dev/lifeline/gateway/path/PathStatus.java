package dev.lifeline.gateway.path;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code lifeline status} for a path. Quality figures are −1 (R: NaN) while the
 * path has no quality probe stream or no window yet.
 *
 * @param state        "up", "down" or "recovering"
 * @param since        when it entered that state
 * @param active       whether it carries the trunk now
 * @param lossPercent  probe loss over the last window
 * @param rttMillis    mean probe round trip
 * @param jitterMillis RFC 3550 interarrival jitter of the probe echoes
 * @param r            E-model R for a G.711 call
 * @param lastReason   why it is in its state
 */
public record PathStatus(String name, String state, Instant since, boolean active, double lossPercent,
                         double rttMillis, double jitterMillis, double r, String lastReason) {

    public PathStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastReason, "lastReason");
    }

    /** The status lines of a policy state, best priority first. */
    public static java.util.List<PathStatus> of(PolicyState s) {
        return s.paths().stream().map(p -> {
            boolean active = s.active().filter(p.name()::equals).isPresent();
            return p.quality()
                    .map(q -> new PathStatus(p.name(), p.state().wire(), p.since(), active, q.lossPercent(),
                            q.rttMillis(), q.jitterMillis(), q.r(), p.reason()))
                    .orElseGet(() -> new PathStatus(p.name(), p.state().wire(), p.since(), active, -1, -1, -1,
                            Double.NaN, p.reason()));
        }).toList();
    }
}
