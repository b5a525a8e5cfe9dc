package dev.lifeline.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a dialled number is routed. Order of checks: emergency numbers, then extensions and
 * groups and the internal pattern, then the outbound rules in order.
 *
 * @param internal numbers that are local even when nothing is configured for them (answered
 *     404 locally instead of leaking to a trunk); when absent, only configured numbers are local
 * @param emergency numbers always allowed for every registered extension, to the first reachable trunk
 */
public record DialPlan(Optional<Pattern> internal, List<String> emergency, List<OutboundRule> outbound,
                       NoTrunkPolicy whenNoTrunk) {

    public DialPlan {
        Objects.requireNonNull(internal, "internal");
        emergency = List.copyOf(emergency);
        outbound = List.copyOf(outbound);
        Objects.requireNonNull(whenNoTrunk, "whenNoTrunk");
    }
}
