package dev.lifeline.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What is still allowed when no trunk is reachable (survival mode). Internal calls always
 * work and other outbound calls fail at once with 503; only emergency calls need a plan.
 *
 * @param emergencyTrunk a trunk that needs no WAN path (e.g. an analogue line gateway on the LAN),
 *     tried for emergency numbers when every other trunk is unreachable
 * @param emergencyGroup a local group rung when even that fails, so someone on site answers
 */
public record NoTrunkPolicy(Optional<String> emergencyTrunk, Optional<String> emergencyGroup) {

    public static final NoTrunkPolicy NONE = new NoTrunkPolicy(Optional.empty(), Optional.empty());

    public NoTrunkPolicy {
        Objects.requireNonNull(emergencyTrunk, "emergencyTrunk");
        Objects.requireNonNull(emergencyGroup, "emergencyGroup");
    }
}
