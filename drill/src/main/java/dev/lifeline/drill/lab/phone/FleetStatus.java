package dev.lifeline.drill.lab.phone;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How a fleet's registrations stand at one moment.
 *
 * @param at             when it was taken
 * @param total          phones in the fleet
 * @param registered     phones whose registration is current
 * @param lastRegistered per extension, when its last registration succeeded
 */
public record FleetStatus(Instant at, int total, int registered, Map<String, Optional<Instant>> lastRegistered) {

    public FleetStatus {
        lastRegistered = Map.copyOf(lastRegistered);
    }

    public boolean allRegistered() {
        return registered == total;
    }
}
