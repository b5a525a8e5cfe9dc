package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.Group;
import dev.lifeline.gateway.config.RingStrategy;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.RouteDecision.TrunkAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A route turned into what to ring, in order: steps, each ringing one or more destinations at
 * once (forks) for at most a timeout. Pure: the bindings come from a lookup function.
 */
record RingPlan(List<Step> steps) {

    RingPlan {
        steps = List.copyOf(steps);
    }

    /** Where one fork goes. */
    sealed interface Destination {
        /** What the callee is shown. */
        String callerId();

        /** A registered phone, reached at its binding's flow. */
        record Phone(String aor, Binding binding, String callerId) implements Destination {
        }

        /** A trunk's provider. */
        record Provider(TrunkAttempt attempt) implements Destination {
            @Override
            public String callerId() {
                return attempt.callerId();
            }
        }
    }

    /** When a failed step hands over to the next one. */
    enum Failover {
        /** Any failure but a 6xx (global refusal): hunt groups and emergency calls. */
        ON_ANY_FAILURE,
        /** Only when the destination is unavailable (no answer at all, 408, 5xx): the next trunk. */
        WHEN_UNAVAILABLE
    }

    /** Destinations rung together for at most {@code timeout}. */
    record Step(List<Destination> destinations, Duration timeout, Failover failover, String description) {
        Step {
            destinations = List.copyOf(destinations);
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(failover, "failover");
        }
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    static RingPlan of(RouteDecision decision, Function<String, List<Binding>> lookup, B2buaSettings settings) {
        List<Step> steps = new ArrayList<>();
        switch (decision) {
            case RouteDecision.ToExtension e -> steps.addAll(phone(e.number(), e.callerId(), lookup, settings.ringTimeout(),
                    Failover.WHEN_UNAVAILABLE));
            case RouteDecision.ToGroup g -> steps.addAll(group(g.group(), g.callerId(), lookup));
            case RouteDecision.ToTrunk t -> t.attempts().forEach(a -> steps.add(trunk(a, settings, Failover.WHEN_UNAVAILABLE)));
            case RouteDecision.Emergency e -> {
                // Anything short of an answer moves on: someone must pick up an emergency call.
                e.attempts().forEach(a -> steps.add(trunk(a, settings, Failover.ON_ANY_FAILURE)));
                e.fallback().ifPresent(g -> steps.addAll(group(g, e.callerId(), lookup)));
            }
            case RouteDecision.Reject r -> { }
        }
        return new RingPlan(steps);
    }

    private static Step trunk(TrunkAttempt a, B2buaSettings settings, Failover failover) {
        return new Step(List.of(new Destination.Provider(a)), settings.ringTimeout(), failover, "trunk " + a.route().name());
    }

    /** Every binding of one extension, rung together (a desk phone and a softphone). */
    private static List<Step> phone(String aor, String callerId, Function<String, List<Binding>> lookup, Duration timeout,
                                    Failover failover) {
        List<Destination> forks = lookup.apply(aor).stream()
                .<Destination>map(b -> new Destination.Phone(aor, b, callerId)).toList();
        return forks.isEmpty() ? List.of() : List.of(new Step(forks, timeout, failover, "extension " + aor));
    }

    /** Ring-all: one step with every member's bindings; sequential: a step per registered member. */
    private static List<Step> group(Group group, String callerId, Function<String, List<Binding>> lookup) {
        if (group.strategy() == RingStrategy.SEQUENTIAL) {
            List<Step> steps = new ArrayList<>();
            for (String member : group.members()) {
                steps.addAll(phone(member, callerId, lookup, group.ringTimeout(), Failover.ON_ANY_FAILURE));
            }
            return steps;
        }
        List<Destination> forks = new ArrayList<>();
        for (String member : group.members()) {
            lookup.apply(member).forEach(b -> forks.add(new Destination.Phone(member, b, callerId)));
        }
        return forks.isEmpty() ? List.of()
                : List.of(new Step(forks, group.ringTimeout(), Failover.ON_ANY_FAILURE, "group " + group.number()));
    }
}
