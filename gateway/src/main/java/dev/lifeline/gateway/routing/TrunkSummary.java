package dev.lifeline.gateway.routing;

import java.util.Objects;

/**
 * A trunk as status shows it to the operator.
 *
 * @param state  e.g. "registered", "failing", "unregistered"
 * @param detail why, e.g. "200 OK, expires in 3540 s" or "timeout, retry in 32 s"; never a secret
 */
public record TrunkSummary(String name, String state, String detail) {

    public TrunkSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
