package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the path failover policy (see DESIGN.md "Defaults that matter").
 *
 * @param probeInterval SIP OPTIONS to each provider target on each path, this often
 * @param probeTimeout an OPTIONS probe counts as failed after this, independent of Timer F
 * @param silenceWindow a path is down when its quality probe stream is silent this long
 * @param optionsFailuresToDown consecutive failed OPTIONS that take a path down
 * @param rFloor E-model R below which a path is degraded
 * @param floorWindow how long R must stay below the floor before the path is taken down
 * @param holdDown continuous health needed before a path counts as up again
 * @param preemptiveFailback whether traffic returns to a better path once it is up again
 * @param maxSwitches flap damping: at most this many switches per {@code switchWindow}
 * @param reflector the quality probe reflector (the provider's), host:port; a name is resolved
 *                  through each path's resolvers. Absent: OPTIONS alone judge the paths
 */
public record FailoverSettings(Duration probeInterval, Duration probeTimeout, Duration silenceWindow,
                               int optionsFailuresToDown, int rFloor, Duration floorWindow, Duration holdDown,
                               boolean preemptiveFailback, int maxSwitches, Duration switchWindow,
                               java.util.Optional<HostPort> reflector) {

    public FailoverSettings(Duration probeInterval, Duration probeTimeout, Duration silenceWindow,
                            int optionsFailuresToDown, int rFloor, Duration floorWindow, Duration holdDown,
                            boolean preemptiveFailback, int maxSwitches, Duration switchWindow) {
        this(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor, floorWindow, holdDown,
                preemptiveFailback, maxSwitches, switchWindow, java.util.Optional.empty());
    }

    public FailoverSettings withReflector(HostPort value) {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, java.util.Optional.of(value));
    }

    public static final FailoverSettings DEFAULT = new FailoverSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofMillis(600), 3, 70, Duration.ofSeconds(5), Duration.ofSeconds(10), true, 4,
            Duration.ofMinutes(10));

    public FailoverSettings {
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(silenceWindow, "silenceWindow");
        Objects.requireNonNull(floorWindow, "floorWindow");
        Objects.requireNonNull(holdDown, "holdDown");
        Objects.requireNonNull(switchWindow, "switchWindow");
        Objects.requireNonNull(reflector, "reflector");
    }
}
