package dev.lifeline.gateway.path;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The failover policy's whole memory: every path's health (best priority first), the active
 * path, whether survival mode is on, and the recent switches that flap damping counts.
 */
public record PolicyState(List<PathHealth> paths, Optional<String> active, boolean survival,
                          List<Instant> recentSwitches) {

    public PolicyState {
        paths = paths.stream().sorted(Comparator.comparingInt(PathHealth::priority)).toList();
        Objects.requireNonNull(active, "active");
        recentSwitches = List.copyOf(recentSwitches);
    }

    /** The named path's health. */
    public Optional<PathHealth> path(String name) {
        return paths.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
