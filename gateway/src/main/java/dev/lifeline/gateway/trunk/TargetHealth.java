package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.sip.transport.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OPTIONS record of each provider target of one trunk on one path (the path manager's 1 s
 * probes): how many probes in a row a target has failed and why the last did, and since when it
 * has answered without a break. Immutable: each probe result gives a new value.
 *
 * <p>{@link #choose} is the decision on top of it (DESIGN.md F7): when the target the trunk is
 * registered with stops answering while another target of the same provider answers, move at
 * once; when the old one answers again, stay (sticky) — unless it has a better SRV priority
 * (RFC 2782: lower is better), has answered for the whole hold-down, and failback is preemptive,
 * the same rule as for paths. Targets of equal priority never cause a move back.
 *
 * @param targets each target's record; a target never probed is absent
 */
public record TargetHealth(Map<Target, Record> targets) {

    /** No target probed yet. */
    public static final TargetHealth EMPTY = new TargetHealth(Map.of());

    public TargetHealth {
        targets = Map.copyOf(targets);
    }

    /**
     * One target's record.
     *
     * @param failures       failed probes in a row (0 after an answer)
     * @param lastFailure    why the last failed probe failed, "" when none has
     * @param answeringSince the first answer of the current unbroken run of answers; empty while failing
     */
    public record Record(int failures, String lastFailure, Optional<Instant> answeringSince) {

        public Record {
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(answeringSince, "answeringSince");
        }
    }

    /** A target as the probe round located it: RFC 3263 order is the list's, {@code priority} the SRV one (0 without SRV). */
    public record Ranked(Target target, int priority) {

        public Ranked {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * The knobs of {@link #choose}, from the {@code failover:} section.
     *
     * @param failuresToDown failed OPTIONS in a row after which a target counts as dead
     * @param holdDown       how long a better target must answer before the trunk moves back to it
     * @param failback       whether it moves back at all
     */
    public record Policy(int failuresToDown, Duration holdDown, boolean failback) {

        public Policy {
            if (failuresToDown < 1) {
                throw new IllegalArgumentException("failuresToDown must be at least 1, not " + failuresToDown);
            }
            Objects.requireNonNull(holdDown, "holdDown");
        }

        public static Policy of(FailoverSettings failover) {
            return new Policy(failover.optionsFailuresToDown(), failover.holdDown(), failover.preemptiveFailback());
        }
    }

    /** A move of the trunk to another target of the same route. */
    public sealed interface Move {

        Target from();

        Target to();

        /** For the trunk's state and the log, e.g. "target udp A:p stopped answering OPTIONS (3 in a row); registering with udp B:p". */
        String reason();
    }

    /**
     * The current target is dead and {@code to} answers.
     *
     * @param failure what the event reports, e.g. "no answer to 3 OPTIONS in a row (last: timeout after 1 s)"
     */
    public record Failover(Target from, Target to, String failure, String reason) implements Move {
    }

    /** A target of better SRV priority has answered for the hold-down: back to it. */
    public record Failback(Target from, Target to, String reason) implements Move {
    }

    /** The record after {@code target} answered a probe at {@code now}. */
    public TargetHealth answered(Target target, Instant now) {
        Record old = targets.get(target);
        Optional<Instant> since = old != null && old.answeringSince().isPresent() ? old.answeringSince() : Optional.of(now);
        return with(target, new Record(0, "", since));
    }

    /** The record after a probe to {@code target} failed with {@code reason}. */
    public TargetHealth failed(Target target, String reason) {
        Record old = targets.get(target);
        int failures = old == null ? 1 : old.failures() + 1;
        return with(target, new Record(failures, reason, Optional.empty()));
    }

    /** Only the records of {@code located} (the targets DNS gives now), so a target gone from DNS is forgotten. */
    public TargetHealth retain(Collection<Target> located) {
        Map<Target, Record> kept = new LinkedHashMap<>(targets);
        kept.keySet().retainAll(located);
        return kept.size() == targets.size() ? this : new TargetHealth(kept);
    }

    public int failures(Target target) {
        Record r = targets.get(target);
        return r == null ? 0 : r.failures();
    }

    /** Whether its last probe was answered. */
    public boolean answering(Target target) {
        Record r = targets.get(target);
        return r != null && r.answeringSince().isPresent();
    }

    /**
     * Where the trunk registered with {@code current} should go now, if anywhere.
     *
     * @param located the probe round's targets, in RFC 3263 order
     */
    public Optional<Move> choose(Target current, List<Ranked> located, Policy policy, Instant now) {
        Record mine = targets.get(current);
        if (mine != null && mine.failures() >= policy.failuresToDown()) {
            return located.stream().map(Ranked::target)
                    .filter(t -> !t.equals(current) && answering(t))
                    .findFirst()
                    .map(to -> new Failover(current, to,
                            "no answer to " + mine.failures() + " OPTIONS in a row (last: " + mine.lastFailure() + ")",
                            "target " + TrunkRoute.describe(current) + " stopped answering OPTIONS (" + mine.failures()
                                    + " in a row); registering with " + TrunkRoute.describe(to)));
        }
        if (!policy.failback()) {
            return Optional.empty();
        }
        Optional<Ranked> self = located.stream().filter(r -> r.target().equals(current)).findFirst();
        if (self.isEmpty()) {
            return Optional.empty();
        }
        int priority = self.get().priority();
        Instant heldSince = now.minus(policy.holdDown());
        return located.stream()
                .filter(r -> r.priority() < priority)
                .filter(r -> {
                    Record rec = targets.get(r.target());
                    return rec != null && rec.answeringSince().filter(s -> !s.isAfter(heldSince)).isPresent();
                })
                .min(java.util.Comparator.comparingInt(Ranked::priority))
                .map(better -> new Failback(current, better.target(), "target " + TrunkRoute.describe(better.target())
                        + " (SRV priority " + better.priority() + ") has answered OPTIONS for "
                        + DurationFormat.format(policy.holdDown()) + "; registering there again instead of "
                        + TrunkRoute.describe(current) + " (priority " + priority + ")"));
    }

    private TargetHealth with(Target target, Record record) {
        Map<Target, Record> next = new LinkedHashMap<>(targets);
        next.put(target, record);
        return new TargetHealth(next);
    }
}
