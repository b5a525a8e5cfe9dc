package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.Group;
import dev.lifeline.gateway.routing.TrunkDirectory.TrunkRoute;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where {@link CallRouter} sends a call, or why it does not. */
public sealed interface RouteDecision {

    /** How the call is named in status and records: "internal", "group 600", "trunk provider"… */
    String describe();

    /**
     * One trunk to try, with the numbers as this trunk wants them presented.
     *
     * @param number   the Request-URI / To user sent to the provider
     * @param callerId the From user sent to the provider
     */
    record TrunkAttempt(TrunkRoute route, String number, String callerId) {
        public TrunkAttempt {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(callerId, "callerId");
        }
    }

    /** @param callerId what the callee's display shows */
    record ToExtension(String number, String callerId) implements RouteDecision {
        @Override
        public String describe() {
            return "internal";
        }
    }

    record ToGroup(Group group, String callerId) implements RouteDecision {
        @Override
        public String describe() {
            return "group " + group.number();
        }
    }

    /** @param attempts reachable trunks in the rule's order; never empty */
    record ToTrunk(List<TrunkAttempt> attempts) implements RouteDecision {
        public ToTrunk {
            attempts = List.copyOf(attempts);
            if (attempts.isEmpty()) {
                throw new IllegalArgumentException("a trunk route needs a trunk");
            }
        }

        @Override
        public String describe() {
            return "trunk " + attempts.get(0).route().name();
        }
    }

    /**
     * An emergency call: the trunks in priority order (the no-WAN emergency trunk last), then
     * the fallback group when every trunk fails. At least one of the two is there.
     *
     * @param callerId what the fallback group's phones show: the calling extension
     */
    record Emergency(String number, List<TrunkAttempt> attempts, Optional<Group> fallback, String callerId)
            implements RouteDecision {
        public Emergency {
            attempts = List.copyOf(attempts);
            Objects.requireNonNull(fallback, "fallback");
            if (attempts.isEmpty() && fallback.isEmpty()) {
                throw new IllegalArgumentException("an emergency route needs a trunk or a fallback group");
            }
        }

        @Override
        public String describe() {
            return attempts.isEmpty() ? "emergency to group " + fallback.orElseThrow().number()
                    : "emergency via " + attempts.get(0).route().name();
        }
    }

    /** @param reason the reason phrase, also put in a Warning so the phone's log says why */
    record Reject(int status, String reason) implements RouteDecision {
        @Override
        public String describe() {
            return "rejected " + status;
        }
    }
}
