package dev.lifeline.gateway.path;

import java.util.List;
import java.util.Objects;

/** The failover policy's answer: the new state and what to do, in order. */
public record Decision(PolicyState state, List<PolicyAction> actions) {

    public Decision {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
