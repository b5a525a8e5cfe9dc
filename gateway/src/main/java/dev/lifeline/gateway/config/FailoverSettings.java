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
 * @param mediaSilence the active path is suspect when every provider-side media leg of the calls
 *                  on it that should be receiving has been silent this long while the phones'
 *                  side kept sending; zero: the media watch is off
 * @param confirmWindow a suspect path (media silent, or an OPTIONS probe failed) is probed at
 *                  once and rapidly for this long; it goes down when nothing at all comes back
 *                  on it in that time; zero: no confirmation burst (suspicion does nothing)
 * @param confirmInterval how often the confirmation burst sends an OPTIONS probe
 * @param suspectAfter an OPTIONS probe still unanswered this long makes the path suspect (its
 *                  full probe timeout still decides what counts as a failed probe); zero: off
 * @param stun      where the confirmation burst also sends STUN Binding checks; empty: none
 */
public record FailoverSettings(Duration probeInterval, Duration probeTimeout, Duration silenceWindow,
                               int optionsFailuresToDown, int rFloor, Duration floorWindow, Duration holdDown,
                               boolean preemptiveFailback, int maxSwitches, Duration switchWindow,
                               java.util.Optional<HostPort> reflector, Duration mediaSilence,
                               Duration confirmWindow, Duration confirmInterval, Duration suspectAfter,
                               java.util.Optional<StunTarget> stun) {

    public static final Duration DEFAULT_MEDIA_SILENCE = Duration.ofMillis(250);
    public static final Duration DEFAULT_CONFIRM_WINDOW = Duration.ofMillis(500);
    public static final Duration DEFAULT_CONFIRM_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_SUSPECT_AFTER = Duration.ofMillis(300);

    public FailoverSettings(Duration probeInterval, Duration probeTimeout, Duration silenceWindow,
                            int optionsFailuresToDown, int rFloor, Duration floorWindow, Duration holdDown,
                            boolean preemptiveFailback, int maxSwitches, Duration switchWindow,
                            java.util.Optional<HostPort> reflector) {
        this(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor, floorWindow, holdDown,
                preemptiveFailback, maxSwitches, switchWindow, reflector, DEFAULT_MEDIA_SILENCE,
                DEFAULT_CONFIRM_WINDOW, DEFAULT_CONFIRM_INTERVAL, DEFAULT_SUSPECT_AFTER, java.util.Optional.empty());
    }

    public FailoverSettings(Duration probeInterval, Duration probeTimeout, Duration silenceWindow,
                            int optionsFailuresToDown, int rFloor, Duration floorWindow, Duration holdDown,
                            boolean preemptiveFailback, int maxSwitches, Duration switchWindow) {
        this(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor, floorWindow, holdDown,
                preemptiveFailback, maxSwitches, switchWindow, java.util.Optional.empty());
    }

    public FailoverSettings withReflector(HostPort value) {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, java.util.Optional.of(value),
                mediaSilence, confirmWindow, confirmInterval, suspectAfter, stun);
    }

    /** These settings without a quality-probe reflector: OPTIONS (and the media watch) judge the paths. */
    public FailoverSettings withoutReflector() {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, java.util.Optional.empty(),
                mediaSilence, confirmWindow, confirmInterval, suspectAfter, stun);
    }

    /** These settings with another media watch and confirmation burst (zero turns either off). */
    public FailoverSettings withConfirmation(Duration media, Duration window, Duration interval) {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, reflector, media, window,
                interval, suspectAfter, stun);
    }

    /** These settings with another {@code suspectAfter} (zero: only a failed probe makes a path suspect). */
    public FailoverSettings withSuspectAfter(Duration value) {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, reflector, mediaSilence,
                confirmWindow, confirmInterval, value, stun);
    }

    /** These settings with STUN checks in the confirmation burst. */
    public FailoverSettings withStun(StunTarget value) {
        return new FailoverSettings(probeInterval, probeTimeout, silenceWindow, optionsFailuresToDown, rFloor,
                floorWindow, holdDown, preemptiveFailback, maxSwitches, switchWindow, reflector, mediaSilence,
                confirmWindow, confirmInterval, suspectAfter, java.util.Optional.of(value));
    }

    /** Whether a suspect path is confirmed by a burst of probes (and so whether suspicion counts at all). */
    public boolean confirms() {
        return !confirmWindow.isZero();
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
        Objects.requireNonNull(mediaSilence, "mediaSilence");
        Objects.requireNonNull(confirmWindow, "confirmWindow");
        Objects.requireNonNull(confirmInterval, "confirmInterval");
        Objects.requireNonNull(suspectAfter, "suspectAfter");
        Objects.requireNonNull(stun, "stun");
        if (mediaSilence.isNegative() || confirmWindow.isNegative() || suspectAfter.isNegative()
                || !confirmInterval.isPositive()) {
            throw new IllegalArgumentException("mediaSilence, confirmWindow and suspectAfter must be zero or more "
                    + "and confirmInterval more than zero");
        }
    }
}
