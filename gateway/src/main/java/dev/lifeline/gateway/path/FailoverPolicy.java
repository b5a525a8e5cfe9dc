package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PolicyAction.Publish;
import dev.lifeline.gateway.path.PolicyAction.SwitchActive;
import dev.lifeline.gateway.path.PolicyAction.Confirm;
import dev.lifeline.gateway.path.PolicyInput.MediaSampled;
import dev.lifeline.gateway.path.PolicyInput.OptionsAnswered;
import dev.lifeline.gateway.path.PolicyInput.OptionsFailed;
import dev.lifeline.gateway.path.PolicyInput.ProbeHeard;
import dev.lifeline.gateway.path.PolicyInput.QualityMeasured;
import dev.lifeline.gateway.path.PolicyInput.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The failover policy: a pure function {@code (state, input, now) -> (state, actions)}. See the
 * package documentation for the model; the rules in brief:
 *
 * <ul>
 *   <li><b>Down</b> when the quality probe stream is silent for {@code silenceWindow} (only on a
 *       path with a reflector), after {@code optionsFailuresToDown} failed OPTIONS in a row, or
 *       when every fresh window rates R below {@code rFloor} for {@code floorWindow}.</li>
 *   <li><b>Recovering</b> once all its signals are healthy again (echoes heard, last OPTIONS
 *       answered, R not below the floor); <b>up</b> after {@code holdDown} of that, and back to
 *       down at the first silence, failed OPTIONS or R below the floor in between.</li>
 *   <li><b>Suspect</b> (an up path): when the provider's media on the active path goes silent
 *       while the phones keep sending ({@code mediaSilence}), or an OPTIONS probe fails or is
 *       still unanswered after {@code suspectAfter}. A
 *       suspect path is confirmed at once with a burst of probes ({@link Confirm}); anything
 *       that comes back on it (an OPTIONS answer, a quality-probe echo, provider media) ends
 *       the suspicion, and nothing for {@code confirmWindow} takes it down. Without the burst
 *       ({@code confirmWindow} zero) suspicion is not raised at all.</li>
 *   <li><b>Active</b>: the best-priority up path. Leaving a path that went down is immediate;
 *       returning to a better one (preemptive failback) only when flap damping allows. With no
 *       path up, a recovering one is used at once (leaving survival mode); it counts as up for
 *       preemption only once its hold-down is over.</li>
 * </ul>
 */
public final class FailoverPolicy {

    private final FailoverSettings settings;

    public FailoverPolicy(FailoverSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The starting point: every path presumed up (so the trunk can register at once), the best
     * priority active. The actions announce that.
     *
     * @param qualityProbed names of the paths that run a quality probe stream
     * @throws IllegalArgumentException when no path is given or two share a name
     */
    public Decision start(List<WanPath> paths, Set<String> qualityProbed, Instant now) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no WAN paths configured: the failover policy needs at least one");
        }
        Set<String> names = new HashSet<>();
        List<PathHealth> health = new ArrayList<>();
        for (WanPath p : paths) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two WAN paths are named \"" + p.name() + "\"; names must be unique");
            }
            health.add(PathHealth.presumedUp(p.name(), p.priority(), qualityProbed.contains(p.name()), now,
                    settings.holdDown()));
        }
        PolicyState sorted = new PolicyState(health, Optional.empty(), false, List.of());
        List<PolicyAction> actions = new ArrayList<>();
        for (PathHealth h : sorted.paths()) {
            actions.add(new Publish(new Event.PathStateChanged(now, h.name(), PathState.UP.wire(), h.reason())));
        }
        String best = sorted.paths().getFirst().name();
        String why = best + " is the preferred path (assumed up at start)";
        actions.add(new Publish(new Event.ActivePathChanged(now, "", best, why)));
        actions.add(new SwitchActive(Optional.empty(), Optional.of(best), why));
        return new Decision(new PolicyState(sorted.paths(), Optional.of(best), false, List.of()), actions);
    }

    /** One step. An input about a path the state does not know is ignored. */
    public Decision next(PolicyState state, PolicyInput input, Instant now) {
        List<PolicyAction> actions = new ArrayList<>();
        List<Instant> recent = state.recentSwitches().stream()
                .filter(t -> t.isAfter(now.minus(settings.switchWindow())))
                .toList();
        boolean damping = !failbackAllowed(recent);
        List<PathHealth> current = state.paths();
        if (input instanceof Tick t && !t.stalled().isZero()) {
            // The gateway was not listening: its own stall is not the paths' silence.
            current = current.stream().map(p -> p.excusing(t.stalled(), now)).toList();
        }
        // Timers first (a silence that ended with this very echo still happened), then the input.
        List<PathHealth> paths = evaluate(current, now, damping, actions);
        List<PathHealth> before = paths;
        paths = paths.stream().map(p -> apply(p, input, now)).toList();
        suspicions(before, paths, input, now, actions);
        paths = evaluate(paths, now, damping, actions);
        return choose(new PolicyState(paths, state.active(), state.survival(), recent), now, actions);
    }

    private PathHealth apply(PathHealth p, PolicyInput input, Instant now) {
        return switch (input) {
            case ProbeHeard h when h.path().equals(p.name()) ->
                    // The first echo after a silence starts a fresh quality record: windows that
                    // reach back into the silence describe the outage, already acted on.
                    p.heard(now, p.silent(now, settings.silenceWindow()) ? now : p.qualityFrom()).cleared();
            case QualityMeasured q when q.path().equals(p.name()) -> measured(p, q.summary());
            case OptionsAnswered a when a.path().equals(p.name()) -> p.options(0, "").cleared();
            case OptionsFailed f when f.path().equals(p.name()) -> suspectIfUp(
                    p.options(p.optionsFailures() + 1, f.reason()), now, "OPTIONS probe failed (" + f.reason() + ")");
            case MediaSampled m when m.path().equals(p.name()) -> media(p, m.sample(), now);
            // Packets come back over the path: that ends a suspicion, though it is no answer to OPTIONS.
            case PolicyInput.ReachabilityConfirmed r when r.path().equals(p.name()) -> p.cleared();
            case PolicyInput.OptionsLate l when l.path().equals(p.name()) ->
                    suspectIfUp(p, now, "OPTIONS probe unanswered after " + human(l.after()));
            default -> p;
        };
    }

    private PathHealth media(PathHealth p, MediaSample sample, Instant now) {
        if (p.suspectSince().isPresent() && sample.heardAfter(p.suspectSince().get())) {
            return p.cleared();
        }
        if (settings.mediaSilence().isZero() || !sample.silent(now, settings.mediaSilence())) {
            return p;
        }
        long silentMs = Duration.between(sample.lastHeard().orElseThrow(), now).toMillis();
        return suspectIfUp(p, now, "no audio from the provider on " + sample.watched()
                + (sample.watched() == 1 ? " call" : " calls") + " for " + silentMs + " ms while the phones kept sending");
    }

    /** An up path that is not suspect yet becomes suspect, when suspicion is confirmed at all. */
    private PathHealth suspectIfUp(PathHealth p, Instant now, String why) {
        if (!settings.confirms() || p.state() != PathState.UP || p.suspectSince().isPresent()) {
            return p;
        }
        return p.suspect(now, why);
    }

    /** Publishes suspicions raised and ended by this input, and asks for a confirmation burst for each new one. */
    private void suspicions(List<PathHealth> before, List<PathHealth> after, PolicyInput input, Instant now,
                            List<PolicyAction> out) {
        for (int i = 0; i < after.size(); i++) {
            PathHealth was = before.get(i);
            PathHealth is = after.get(i);
            if (was.suspectSince().isEmpty() && is.suspectSince().isPresent()) {
                out.add(new Publish(new Event.PathSuspicion(now, is.name(), "suspect", is.suspectReason()
                        + "; confirming with probes for " + human(settings.confirmWindow()))));
                out.add(new Confirm(is.name(), is.suspectReason()));
            } else if (was.suspectSince().isPresent() && is.suspectSince().isEmpty()) {
                String sign = switch (input) {
                    case ProbeHeard h -> "a quality probe came back";
                    case OptionsAnswered a -> "an OPTIONS probe was answered";
                    case MediaSampled m -> "provider audio arrived";
                    case PolicyInput.ReachabilityConfirmed r -> r.what();
                    default -> "the path answered";
                };
                out.add(new Publish(new Event.PathSuspicion(now, is.name(), "cleared", sign + " "
                        + Duration.between(was.suspectSince().get(), now).toMillis() + " ms after it became suspect ("
                        + was.suspectReason() + ")")));
            }
        }
    }

    private PathHealth measured(PathHealth p, QualitySummary s) {
        if (s.from().isBefore(p.qualityFrom())) {
            return p.measured(s, Optional.empty());
        }
        // Timed in the probes' own send times, so R is judged when a window arrives, not by a tick.
        Optional<Instant> below = s.r() < settings.rFloor()
                ? Optional.of(p.belowFloorSince().orElse(s.to()))
                : Optional.empty();
        return p.measured(s, below);
    }

    private List<PathHealth> evaluate(List<PathHealth> paths, Instant now, boolean damping, List<PolicyAction> out) {
        List<PathHealth> result = new ArrayList<>(paths.size());
        for (PathHealth p : paths) {
            PathHealth q = transition(p, now, damping);
            if (q.state() != p.state()) {
                out.add(new Publish(new Event.PathStateChanged(now, q.name(), q.state().wire(), q.reason())));
            }
            result.add(q);
        }
        return result;
    }

    private PathHealth transition(PathHealth p, Instant now, boolean damping) {
        return switch (p.state()) {
            case UP -> {
                Optional<String> failed = failure(p, now, settings.optionsFailuresToDown(), true);
                if (failed.isPresent()) {
                    yield p.moveTo(PathState.DOWN, now, failed.get());
                }
                // Down on an unanswered burst: like a failed OPTIONS, only an answer brings it back.
                yield unconfirmed(p, now)
                        .map(why -> p.options(Math.max(1, p.optionsFailures()), "confirmation probes unanswered")
                                .moveTo(PathState.DOWN, now, why))
                        .orElse(p);
            }
            case DOWN -> failure(p, now, 1, false).isPresent()
                    ? p
                    : p.moveTo(PathState.RECOVERING, now, recoveringReason(p, damping))
                            .withHoldDown(damping ? settings.holdDown().multipliedBy(2) : settings.holdDown());
            case RECOVERING -> {
                Optional<String> failed = failure(p, now, 1, false);
                if (failed.isPresent()) {
                    yield p.moveTo(PathState.DOWN, now, "hold-down reset: " + failed.get());
                }
                if (Duration.between(p.since(), now).compareTo(p.holdDown()) >= 0) {
                    yield p.moveTo(PathState.UP, now, "healthy for " + human(p.holdDown()));
                }
                yield p;
            }
        };
    }

    /**
     * Why the path is not healthy, if it is not. {@code optionsLimit} failed OPTIONS in a row
     * count; with {@code floorTimed} R must have been below the floor for the floor window,
     * otherwise a single fresh window below it counts.
     */
    private Optional<String> failure(PathHealth p, Instant now, int optionsLimit, boolean floorTimed) {
        if (p.silent(now, settings.silenceWindow())) {
            return Optional.of("quality probes silent for " + human(settings.silenceWindow()));
        }
        if (p.optionsFailures() >= optionsLimit) {
            return Optional.of(p.optionsFailures() == 1
                    ? "OPTIONS probe failed (" + p.lastOptionsFailure() + ")"
                    : p.optionsFailures() + " OPTIONS probes failed in a row (last: " + p.lastOptionsFailure() + ")");
        }
        if (p.belowFloorSince().isPresent()) {
            QualitySummary last = p.quality().orElseThrow(); // set with belowFloorSince
            Duration below = Duration.between(p.belowFloorSince().get(), last.to());
            long r = Math.round(last.r());
            if (!floorTimed) {
                return Optional.of("R " + r + " below floor " + settings.rFloor());
            }
            if (below.compareTo(settings.floorWindow()) >= 0) {
                return Optional.of("R " + r + " below floor " + settings.rFloor() + " for " + human(settings.floorWindow()));
            }
        }
        return Optional.empty();
    }

    /** A suspicion that nothing answered through the whole confirmation window. */
    private Optional<String> unconfirmed(PathHealth p, Instant now) {
        if (p.suspectSince().isEmpty()
                || Duration.between(p.suspectSince().get(), now).compareTo(settings.confirmWindow()) < 0) {
            return Optional.empty();
        }
        return Optional.of(p.suspectReason() + ", and nothing came back on it during "
                + human(settings.confirmWindow()) + " of confirmation probes");
    }

    private String recoveringReason(PathHealth p, boolean damping) {
        List<String> signs = new ArrayList<>();
        if (p.qualityProbed()) {
            signs.add("quality probes answered");
        }
        signs.add("OPTIONS answered");
        String base = "healthy again (" + String.join(", ", signs) + "); hold-down ";
        return damping ? base + human(settings.holdDown().multipliedBy(2)) + " (doubled: flap damping)"
                : base + human(settings.holdDown());
    }

    /**
     * Which path carries the traffic. Normally the best-priority UP path. With no path UP, the
     * best-priority RECOVERING path (healthy now, inside its hold-down) is used at once: the
     * hold-down guards against flapping between working paths, not against using the only one
     * that works. Such a path keeps the traffic while it stays healthy, but it does not count as
     * up for preemption: it cannot take traffic from an UP path before its hold-down ends.
     */
    private Decision choose(PolicyState s, Instant now, List<PolicyAction> out) {
        Optional<PathHealth> bestUp = s.paths().stream().filter(p -> p.state() == PathState.UP).findFirst();
        Optional<PathHealth> bestRecovering = s.paths().stream().filter(p -> p.state() == PathState.RECOVERING).findFirst();
        Optional<PathHealth> current = s.active().flatMap(s::path);
        if (current.isEmpty()) {
            Optional<PathHealth> usable = bestUp.or(() -> bestRecovering);
            if (usable.isEmpty()) {
                return new Decision(s, out);
            }
            PathHealth chosen = usable.get();
            String name = chosen.name();
            if (s.survival()) {
                out.add(new Publish(new Event.SurvivalModeChanged(now, false, chosen.state() == PathState.UP
                        ? name + " is up again" : name + " is healthy again (used before its hold-down ends)")));
            }
            String why = chosen.state() == PathState.UP ? name + " up: " + chosen.reason()
                    : name + " recovering, the only working path: " + chosen.reason();
            out.add(new Publish(new Event.ActivePathChanged(now, "", name, why)));
            out.add(new SwitchActive(Optional.empty(), Optional.of(name), why));
            return new Decision(new PolicyState(s.paths(), Optional.of(name), false, s.recentSwitches()), out);
        }
        PathHealth cur = current.get();
        if (cur.state() == PathState.DOWN) {
            String why = cur.name() + " " + cur.state().wire() + ": " + cur.reason();
            if (bestUp.isPresent()) {
                return switchTo(s, cur.name(), bestUp.get().name(), why, now, out);
            }
            if (bestRecovering.isPresent()) {
                return switchTo(s, cur.name(), bestRecovering.get().name(),
                        why + "; " + bestRecovering.get().name() + " recovering is the only working path", now, out);
            }
            out.add(new Publish(new Event.ActivePathChanged(now, cur.name(), "", why)));
            out.add(new SwitchActive(Optional.of(cur.name()), Optional.empty(), why));
            out.add(new Publish(new Event.SurvivalModeChanged(now, true, "all WAN paths down; last: " + why)));
            return new Decision(new PolicyState(s.paths(), Optional.empty(), true, s.recentSwitches()), out);
        }
        // The active path is UP, or RECOVERING because nothing was up when it was chosen: only
        // a better UP path takes over (preemptive failback, within flap damping).
        if (bestUp.isEmpty()) {
            return new Decision(s, out);
        }
        PathHealth best = bestUp.get();
        if (settings.preemptiveFailback() && best.priority() < cur.priority() && failbackAllowed(s.recentSwitches())) {
            String why = "failback to " + best.name() + " (preferred, up: " + best.reason() + ")";
            return switchTo(s, cur.name(), best.name(), why, now, out);
        }
        return new Decision(s, out);
    }

    private Decision switchTo(PolicyState s, String from, String to, String why, Instant now, List<PolicyAction> out) {
        out.add(new Publish(new Event.ActivePathChanged(now, from, to, why)));
        out.add(new SwitchActive(Optional.of(from), Optional.of(to), why));
        List<Instant> switches = new ArrayList<>(s.recentSwitches());
        switches.add(now);
        return new Decision(new PolicyState(s.paths(), Optional.of(to), false, switches), out);
    }

    /**
     * Flap damping: a voluntary switch (a failback) is made only while it leaves room, within
     * {@code maxSwitches} per {@code switchWindow}, for the forced switch that path's next
     * failure would cause. Forced switches are never held back.
     */
    private boolean failbackAllowed(List<Instant> recent) {
        return recent.size() + 2 <= settings.maxSwitches();
    }

    /** "600 ms", "5 s", "10 min". */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
