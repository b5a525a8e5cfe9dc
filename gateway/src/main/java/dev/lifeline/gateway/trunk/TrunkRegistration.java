package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.trunk.RegisterOutcome.Answered;
import dev.lifeline.gateway.trunk.RegistrationState.Phase;
import dev.lifeline.gateway.trunk.RegistrationState.Track;
import dev.lifeline.gateway.trunk.TrunkAction.Publish;
import dev.lifeline.gateway.trunk.TrunkAction.SendProbe;
import dev.lifeline.gateway.trunk.TrunkAction.SendRegister;
import dev.lifeline.gateway.trunk.TrunkAction.SendUnregister;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The trunk's registration decisions as a pure function: {@code (state, input, now) -> (state,
 * actions)}. No sockets, no clock of its own; the only side input is the random source for
 * the backoff jitter. {@link ProviderTrunk} runs it against the network.
 *
 * <pre>
 *  UNREGISTERED --start--> REGISTERING --2xx--> REGISTERED --refresh 2xx--> REGISTERED
 *                               |                  |  \--refresh fails / OPTIONS fail--> FAILING
 *                               \--fails--> FAILING --retry (backoff) 2xx--> REGISTERED
 *  any --reregisterNow--> REGISTERING (backoff reset)     any --shutdown--> UNREGISTERED --> DISABLED
 * </pre>
 * A 423 is answered at once with the provider's Min-Expires (only if larger, so it cannot loop);
 * a Retry-After (e.g. on 503) replaces the backoff. While failing, the status stays FAILING
 * through the retries, so that an outage is one event, not one per retry.
 */
public final class TrunkRegistration {

    /** One input's result: the next state and the actions to run, in order. */
    public record Step(RegistrationState state, List<TrunkAction> actions) {

        public Step {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
        }

        static Step stay(RegistrationState state) {
            return new Step(state, List.of());
        }

        Step then(Step next) {
            List<TrunkAction> all = new ArrayList<>(actions);
            all.addAll(next.actions);
            return new Step(next.state, all);
        }
    }

    private final String name;
    private final TrunkSettings settings;
    private final RandomGenerator random;

    public TrunkRegistration(String name, TrunkSettings settings, RandomGenerator random) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    public TrunkSettings settings() {
        return settings;
    }

    public RegistrationState initial(Instant now) {
        TrunkStatus first = settings.register() ? TrunkStatus.UNREGISTERED : TrunkStatus.UNAVAILABLE;
        return new RegistrationState(Phase.NEW, TrunkState.initial(name, first, now), Track.IDLE, Track.IDLE,
                settings.expires());
    }

    public Step next(RegistrationState state, TrunkInput input, Instant now) {
        Step step = switch (input) {
            case TrunkInput.Start s -> start(state, now);
            case TrunkInput.Tick t -> tick(state, now);
            case TrunkInput.RegisterResult r -> registerResult(state, r, now);
            case TrunkInput.ProbeResult p -> probeResult(state, p, now);
            case TrunkInput.ReregisterNow r -> reregisterNow(state, r.reason(), now);
            case TrunkInput.Shutdown s -> shutdown(state, now);
        };
        return published(state.report(), step);
    }

    /** Any change of the reported state is published first, before the sends it explains. */
    private static Step published(TrunkState before, Step step) {
        if (step.state().report().equals(before)) {
            return step;
        }
        List<TrunkAction> actions = new ArrayList<>();
        actions.add(new Publish(step.state().report()));
        actions.addAll(step.actions());
        return new Step(step.state(), actions);
    }

    private Step start(RegistrationState state, Instant now) {
        if (state.phase() != Phase.NEW) {
            return Step.stay(state);
        }
        RegistrationState running = state.with(Phase.RUNNING);
        if (settings.register()) {
            return sendRegister(running, TrunkStatus.REGISTERING, "registering", now);
        }
        return sendProbe(running.with(running.report().to(TrunkStatus.UNAVAILABLE, "waiting for the first OPTIONS answer", now)));
    }

    private Step tick(RegistrationState state, Instant now) {
        if (state.phase() != Phase.RUNNING) {
            return Step.stay(state);
        }
        Step step = Step.stay(lapsed(state, now));
        if (state.register().isDue(now)) {
            step = resend(step.state());
        }
        if (step.state().probe().isDue(now)) {
            step = step.then(sendProbe(step.state()));
        }
        return step;
    }

    private static Step sendRegister(RegistrationState state, TrunkStatus status, String reason, Instant now) {
        Track sent = state.register().sent();
        TrunkState report = state.report().to(status, reason, now).withRetryAt(Optional.empty());
        return new Step(state.withRegister(sent).with(report), List.of(new SendRegister(sent.id(), state.askExpires())));
    }

    /**
     * The binding ran out while the refresh was still unanswered (with short expiries a refresh
     * at half-life can outlast it by up to Timer F): no longer registered, whatever comes next.
     */
    private static RegistrationState lapsed(RegistrationState state, Instant now) {
        TrunkState report = state.report();
        if (report.status() != TrunkStatus.REGISTERED || report.expiresAt().filter(now::isBefore).isPresent()) {
            return state;
        }
        return state.with(report.to(TrunkStatus.FAILING, "registration expired before a refresh was answered", now));
    }

    /**
     * A refresh, or a retry after a failure: the report stays as it is (REGISTERED, or FAILING
     * with the retry time that has now come), so an outage is one event per failure, not two.
     */
    private static Step resend(RegistrationState state) {
        Track sent = state.register().sent();
        return new Step(state.withRegister(sent), List.of(new SendRegister(sent.id(), state.askExpires())));
    }

    private static Step sendProbe(RegistrationState state) {
        Track sent = state.probe().sent();
        return new Step(state.withProbe(sent), List.of(new SendProbe(sent.id())));
    }

    // ---- REGISTER results ----

    private Step registerResult(RegistrationState state, TrunkInput.RegisterResult result, Instant now) {
        if (!state.register().isCurrent(result.attempt())) {
            return Step.stay(state);
        }
        if (state.phase() == Phase.STOPPING) {
            return stopped(state, result.outcome(), now);
        }
        return switch (result.outcome()) {
            case Answered a when a.line().status() >= 200 && a.line().status() < 300 -> registered(state, a, now);
            case Answered a when a.line().status() == 423 -> intervalTooBrief(state, a, now);
            case Answered a -> failed(state.with(state.report().withLastResponse(a.line())), refusal(a), retryAfter(a), now);
            case RegisterOutcome.TimedOut t -> failed(state, "no answer from the provider: " + t.detail(), Optional.empty(), now);
            case RegisterOutcome.TransportFailed f -> failed(state, "transport error: " + f.detail(), Optional.empty(), now);
            case RegisterOutcome.Unanswerable u ->
                    failed(state, "cannot answer the provider's challenge: " + u.detail(), Optional.empty(), now);
        };
    }

    private Step registered(RegistrationState state, Answered answer, Instant now) {
        Duration granted = answer.granted().orElse(state.askExpires());
        if (granted.toSeconds() < 1) {
            return failed(state.with(state.report().withLastResponse(answer.line())),
                    "the provider granted no time to our Contact (" + answer.line() + ")", Optional.empty(), now);
        }
        TrunkState report = state.report().to(TrunkStatus.REGISTERED, "registered", now)
                .withExpiresAt(Optional.of(now.plus(granted)))
                .withRetryAt(Optional.empty())
                .withLastResponse(answer.line());
        Track register = state.register().answered(0, Optional.of(now.plus(settings.refreshAfter(granted))));
        return Step.stay(state.withRegister(register).withProbe(keepaliveScheduled(state.probe(), now)).with(report));
    }

    /** Keepalive runs while registered; a probe already in flight or scheduled is left alone. */
    private Track keepaliveScheduled(Track probe, Instant now) {
        if (probe.inFlight() || probe.due().isPresent()) {
            return probe;
        }
        return probe.answered(0, Optional.of(now.plus(settings.keepalive())));
    }

    /** RFC 3261 §10.2.8: retry at once with the provider's Min-Expires, but only upward, so a confused provider cannot make us loop. */
    private Step intervalTooBrief(RegistrationState state, Answered answer, Instant now) {
        RegistrationState seen = state.with(state.report().withLastResponse(answer.line()));
        long asked = state.askExpires().toSeconds();
        if (answer.minExpires().isEmpty() || answer.minExpires().getAsInt() <= asked) {
            return failed(seen, "refused: " + answer.line() + " without a Min-Expires above the " + asked + " s asked",
                    Optional.empty(), now);
        }
        RegistrationState raised = seen.withAskExpires(Duration.ofSeconds(answer.minExpires().getAsInt()));
        return sendRegister(raised, seen.report().status(), seen.report().reason(), now);
    }

    private Step failed(RegistrationState state, String reason, Optional<Duration> retryAfter, Instant now) {
        int failures = state.register().failures() + 1;
        // A trunk has one flow (the path in use): when it fails, all flows have failed, so base-time is the shorter one.
        Duration wait = retryAfter.orElseGet(() -> settings.backoff().draw(failures, true, random));
        Instant retryAt = now.plus(wait);
        TrunkState report = state.report().to(TrunkStatus.FAILING, reason, now).withRetryAt(Optional.of(retryAt));
        Track register = state.register().answered(failures, Optional.of(retryAt));
        // The retries themselves show whether the provider is back; OPTIONS would only add noise.
        Track probe = state.probe().withDue(Optional.empty());
        return Step.stay(state.withRegister(register).withProbe(probe).with(report));
    }

    private static String refusal(Answered answer) {
        ResponseLine line = answer.line();
        String why = switch (line.status()) {
            case 401, 407 -> "authentication failed (" + line.status() + " after credentials): wrong user name or password";
            case 403 -> "forbidden (" + line + "): credentials wrong or account blocked";
            case 503 -> "service unavailable (" + line + ")";
            default -> "refused: " + line;
        };
        return retryAfter(answer).map(d -> why + "; retrying after " + d.toSeconds() + " s as the provider asked").orElse(why);
    }

    /** A Retry-After of 0 is ignored: honouring it would hammer a provider that is already struggling. */
    private static Optional<Duration> retryAfter(Answered answer) {
        return answer.retryAfter().isPresent() && answer.retryAfter().getAsInt() > 0
                ? Optional.of(Duration.ofSeconds(answer.retryAfter().getAsInt()))
                : Optional.empty();
    }

    // ---- OPTIONS results ----

    private Step probeResult(RegistrationState state, TrunkInput.ProbeResult result, Instant now) {
        if (state.phase() != Phase.RUNNING || !state.probe().isCurrent(result.probe())) {
            return Step.stay(state);
        }
        return settings.register() ? keepalive(state, result, now) : availability(state, result, now);
    }

    private Step keepalive(RegistrationState state, TrunkInput.ProbeResult result, Instant now) {
        boolean registered = state.report().status() == TrunkStatus.REGISTERED;
        Optional<Instant> next = registered ? Optional.of(now.plus(settings.keepalive())) : Optional.empty();
        if (result.answer().isPresent()) {
            return Step.stay(state.withProbe(state.probe().answered(0, next)));
        }
        int failures = state.probe().failures() + 1;
        if (!registered || failures < settings.keepaliveFailures()) {
            return Step.stay(state.withProbe(state.probe().answered(failures, next)));
        }
        RegistrationState lost = state.withProbe(state.probe().answered(0, Optional.empty()));
        return sendRegister(lost, TrunkStatus.FAILING,
                "keepalive: " + failures + " OPTIONS in a row failed (" + result.detail() + "); registering again", now);
    }

    private Step availability(RegistrationState state, TrunkInput.ProbeResult result, Instant now) {
        Optional<Instant> next = Optional.of(now.plus(settings.keepalive()));
        if (result.answer().isPresent()) {
            TrunkState report = state.report().to(TrunkStatus.AVAILABLE, "answers OPTIONS", now)
                    .withLastResponse(result.answer().get());
            return Step.stay(state.withProbe(state.probe().answered(0, next)).with(report));
        }
        int failures = state.probe().failures() + 1;
        RegistrationState counted = state.withProbe(state.probe().answered(failures, next));
        if (state.report().status() == TrunkStatus.AVAILABLE && failures < settings.keepaliveFailures()) {
            return Step.stay(counted);
        }
        return Step.stay(counted.with(counted.report().to(TrunkStatus.UNAVAILABLE, "no answer to OPTIONS: " + result.detail(), now)));
    }

    // ---- commands ----

    private Step reregisterNow(RegistrationState state, String reason, Instant now) {
        if (state.phase() != Phase.RUNNING) {
            return Step.stay(state);
        }
        // Answers to OPTIONS sent over the old path say nothing about the new one.
        RegistrationState fresh = state.withProbe(forgotten(state.probe()));
        if (!settings.register()) {
            return sendProbe(fresh);
        }
        fresh = fresh.withRegister(state.register().withFailures(0));
        return sendRegister(fresh, TrunkStatus.REGISTERING, "re-registering: " + reason, now);
    }

    /** Nothing in flight or scheduled, and a new id so that a late answer to the last one is ignored. */
    private static Track forgotten(Track track) {
        return new Track(track.id() + 1, false, 0, Optional.empty());
    }

    private Step shutdown(RegistrationState state, Instant now) {
        if (state.phase() == Phase.STOPPING || state.phase() == Phase.STOPPED) {
            return Step.stay(state);
        }
        boolean mayHaveBinding = settings.register() && state.phase() == Phase.RUNNING
                && (state.register().inFlight() || state.report().expiresAt().filter(now::isBefore).isPresent());
        RegistrationState quiet = state.withProbe(forgotten(state.probe()));
        if (!mayHaveBinding) {
            TrunkState report = quiet.report().to(TrunkStatus.DISABLED, "stopped", now).withRetryAt(Optional.empty());
            return Step.stay(quiet.with(Phase.STOPPED).with(report));
        }
        Track unregister = state.register().sent();
        TrunkState report = quiet.report().to(TrunkStatus.UNREGISTERED, "unregistering: shutting down", now)
                .withRetryAt(Optional.empty());
        return new Step(quiet.with(Phase.STOPPING).withRegister(unregister).with(report),
                List.of(new SendUnregister(unregister.id())));
    }

    private static Step stopped(RegistrationState state, RegisterOutcome outcome, Instant now) {
        String how = switch (outcome) {
            case Answered a when a.line().status() >= 200 && a.line().status() < 300 -> "stopped; unregistered (" + a.line() + ")";
            case Answered a -> "stopped; the provider refused the unregister (" + a.line() + ")";
            case RegisterOutcome.TimedOut t -> "stopped; unregister unanswered: " + t.detail();
            case RegisterOutcome.TransportFailed f -> "stopped; unregister not sent: " + f.detail();
            case RegisterOutcome.Unanswerable u -> "stopped; unregister challenge unanswerable: " + u.detail();
        };
        boolean removed = outcome instanceof Answered a && a.line().status() >= 200 && a.line().status() < 300;
        TrunkState report = state.report().to(TrunkStatus.DISABLED, how, now);
        if (removed) {
            report = report.withExpiresAt(Optional.empty());
        }
        Track done = state.register().answered(state.register().failures(), Optional.empty());
        return Step.stay(state.with(Phase.STOPPED).withRegister(done).with(report));
    }
}
