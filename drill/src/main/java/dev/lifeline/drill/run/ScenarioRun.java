package dev.lifeline.drill.run;

import dev.lifeline.drill.lab.Lab;
import dev.lifeline.drill.lab.OptionsFlooder;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.lab.dns.DnsFault;
import dev.lifeline.drill.lab.phone.CallResult;
import dev.lifeline.drill.lab.phone.LabPhone;
import dev.lifeline.drill.lab.phone.LanSegment;
import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.provider.CallerId;
import dev.lifeline.drill.lab.provider.InboundCall;
import dev.lifeline.drill.lab.provider.ProviderCall;
import dev.lifeline.drill.lab.provider.ProviderFault;
import dev.lifeline.drill.lab.wan.Direction;
import dev.lifeline.drill.lab.wan.GilbertElliott;
import dev.lifeline.drill.lab.wan.Impairment;
import dev.lifeline.drill.lab.wan.WanEmulator;
import dev.lifeline.drill.report.ReportEvent;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.media.quality.PlayoutQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Runs one scenario's timeline against a lab: applies each step at its offset, places and
 * receives the calls it asks for, and records what the lab observed — the instants faults were
 * applied, the gateway's events, the provider's observations, every call's outcome and the MOS
 * the phones heard over time. {@link Measurements} turns that into metrics.
 */
final class ScenarioRun {

    /** How long a call may ring before the drill counts it as not answered. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    private static final Duration SAMPLE = Duration.ofSeconds(1);
    /** How long the gateway's CallEnded events may trail the calls' last BYE. */
    private static final Duration CALLS_END_WAIT = Duration.ofSeconds(2);
    /** How long the calls may run on after the timeline's end. */
    private static final Duration JOBS_AFTER_TIMELINE = Duration.ofSeconds(60);

    private final Scenario scenario;
    private final Lab lab;
    private final Consumer<String> progress;
    private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();
    /** Every job submitted, to check after the timeline that none ended in an exception. */
    private final List<java.util.concurrent.Future<?>> submitted = new CopyOnWriteArrayList<>();
    private final List<CallOutcome> calls = new CopyOnWriteArrayList<>();
    private final List<ReportEvent> steps = new CopyOnWriteArrayList<>();
    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final Map<String, IncomingSeen> incoming = new ConcurrentHashMap<>();
    private final List<PathPacket> packets = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Holds the timeline asked for, as the phones carried them out. */
    private final List<HoldAttempt> holdAttempts = new CopyOnWriteArrayList<>();
    /** What the phones reported at the end of the calls they placed, by Call-ID. */
    private final Map<String, CallResult> phoneResults = new ConcurrentHashMap<>();
    /** Recording stops when the run ends (the lab's emulators outlive it until it closes). */
    private volatile boolean recording = true;
    private volatile Instant restartedAt;
    private volatile Optional<Integer> bindingsAfterRestart = Optional.empty();
    private volatile StormOutcome stormOutcome;
    private Instant start;

    /** A step as it was applied: when, and what. */
    record Applied(Instant at, Action action) {
    }

    /**
     * A hold of the timeline as a phone carried it out: the call, and whether the far end
     * accepted the hold (2xx to the sendonly re-INVITE) and the resume (2xx to the sendrecv one).
     */
    record HoldAttempt(String extension, String callId, Instant at, boolean held, boolean resumed) {
    }

    /** What a phone was shown for an incoming call, and the call (for what it heard). */
    record IncomingSeen(String extension, String peer, Instant at, PhoneCall call) {
    }

    ScenarioRun(Scenario scenario, Lab lab, Consumer<String> progress) {
        this.scenario = scenario;
        this.lab = lab;
        this.progress = progress;
    }

    /** Runs the timeline to its end, waits for its calls, and returns what was observed. */
    Observed execute() throws LabException, InterruptedException {
        for (LabPhone phone : lab.phones().values()) {
            phone.onIncomingCall(call -> incoming.put(call.callId(), new IncomingSeen(phone.extension(), call.peer(),
                    Instant.now(), call)));
        }
        java.util.Set<java.net.InetSocketAddress> reflectors = lab.provider().targets().stream()
                .map(t -> t.reflectorAddress()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Map<String, java.net.InetAddress> wanAddresses = new java.util.LinkedHashMap<>();
        lab.wans().forEach((path, wan) -> {
            wanAddresses.put(path, wan.publicAddress());
            wan.onPacket(p -> {
                if (recording) {
                    PathPacket packet = PathPacket.of(path, p, reflectors);
                    if (packet.kind() != PathPacket.Kind.PROBE) {
                        packets.add(packet);
                    }
                }
            });
        });
        if (scenario.setting(Scenario.PROVIDER_MEDIA).map("tone"::equals).orElse(false)) {
            lab.provider().setDefaultCallAnswer(new dev.lifeline.drill.lab.provider.CallAnswer.Answer(
                    Optional.of(dev.lifeline.drill.lab.provider.MediaMode.TEST_SIGNAL)));
        }
        LanCounts lanAtStart = lanCounts();
        start = Instant.now();
        for (Step step : scenario.timeline()) {
            sleepUntil(start.plus(step.at()));
            progress.accept(String.format("  %6.1f s  %s", seconds(start, Instant.now()), step.action().describe()));
            apply(step.action());
        }
        sleepUntil(start.plus(scenario.length()));
        awaitJobs(Instant.now().plus(JOBS_AFTER_TIMELINE));
        Optional<String> failed = failedJob();
        if (failed.isPresent()) {
            throw new JobFailed(failed.get());
        }
        Instant end = Instant.now();
        recording = false;
        List<PathPacket> seen;
        synchronized (packets) {
            seen = packets.stream().sorted(java.util.Comparator.comparing(PathPacket::at)).toList();
        }
        List<LoggedEvent> gatewayEvents = eventsOnceCallsEnded(start.minusSeconds(1));
        Map<String, Optional<Instant>> reregistered = new java.util.LinkedHashMap<>();
        if (restartedAt != null) {
            lab.phones().forEach((ext, phone) -> reregistered.put(ext, phone.firstRegistrationSince(restartedAt)));
        }
        return new Observed(scenario, start, end, List.copyOf(applied), List.copyOf(calls), List.copyOf(steps),
                gatewayEvents.stream().map(LoggedEvent::event).toList(), lab.provider().observations(),
                Map.copyOf(incoming), Optional.ofNullable(restartedAt), bindingsAfterRestart,
                lab.phones().size(), reregistered, lab.labSite(), seen, Map.copyOf(wanAddresses),
                Optional.ofNullable(stormOutcome), lanCounts().minus(lanAtStart), List.copyOf(holdAttempts),
                Map.copyOf(phoneResults));
    }

    /**
     * The gateway's events since {@code from}, once every call it started has its CallEnded (the
     * phone's BYE is answered before the gateway writes it), or after {@link #CALLS_END_WAIT}.
     */
    private List<LoggedEvent> eventsOnceCallsEnded(Instant from) throws InterruptedException {
        Instant deadline = Instant.now().plus(CALLS_END_WAIT);
        while (true) {
            lab.gateway().events().flush().join();
            List<LoggedEvent> events = lab.gateway().events().since(from, 100_000);
            java.util.Set<String> open = new java.util.HashSet<>();
            for (LoggedEvent e : events) {
                if (e.event() instanceof Event.CallStarted s) {
                    open.add(s.callId());
                } else if (e.event() instanceof Event.CallEnded c) {
                    open.remove(c.callId());
                }
            }
            if (open.isEmpty() || Instant.now().isAfter(deadline)) {
                return events;
            }
            Thread.sleep(50);
        }
    }

    // ---- actions --------------------------------------------------------------------------

    private void apply(Action action) throws LabException {
        Instant at = Instant.now();
        switch (action) {
            case Action.Blackhole b -> at = wan(b.path()).blackhole(b.down());
            case Action.Restore r -> {
                WanEmulator w = wan(r.path());
                w.setImpairment(Impairment.NONE);
                providerSip().forEach(sip -> w.block(sip, false));
                at = w.blackhole(false);
            }
            case Action.Impair i -> at = impair(i);
            case Action.ImpairLan l -> impairLan(l);
            case Action.NatPortChange n -> at = wan(n.path()).changePorts();
            case Action.NatForget n -> at = wan(n.path()).changePorts();
            case Action.BlockSip b -> {
                WanEmulator w = wan(b.path());
                for (var sip : providerSip()) {
                    at = w.block(sip, true);
                }
            }
            case Action.DnsFault d -> lab.dns().endpoint(d.path()).setFault(switch (d.mode()) {
                case NONE -> DnsFault.NONE;
                case SILENT -> DnsFault.SILENT;
                case SERVFAIL -> DnsFault.SERVFAIL;
                case REFUSED -> DnsFault.REFUSED;
            });
            case Action.DnsRemove d -> lab.dns().endpoint(d.path()).updateView(view -> view.without(
                    name(d.recordName()), Type.value(d.type().name())));
            case Action.ProviderFault f -> lab.provider().setFault(f.target(), switch (f.mode()) {
                case HEALTHY -> ProviderFault.HEALTHY;
                case SILENT -> ProviderFault.SILENT;
                case SERVICE_UNAVAILABLE -> ProviderFault.serviceUnavailable(Duration.ofSeconds(30));
                case REQUEST_TIMEOUT -> ProviderFault.requestTimeout();
                case DROPPED -> ProviderFault.DROPPED;
            });
            case Action.ProviderCertificate c -> {
                at = lab.presentCertificate(c.target(), switch (c.state()) {
                    case EXPIRED -> Lab.TargetCertificate.EXPIRED;
                    case VALID -> Lab.TargetCertificate.VALID;
                });
                // Not asked: the gateway's watch must notice by itself (its handshakes to the target fail).
            }
            case Action.RestartGateway r -> restart();
            case Action.RegisterAll r -> lab.phones().values().forEach(LabPhone::register);
            case Action.PlaceCalls p -> placeCalls(p);
            case Action.InboundCalls i -> submit(() -> inbound(i));
            case Action.Hold h -> hold(h);
            case Action.EmergencyCall e -> submit(() -> outbound(CallOutcome.Kind.EMERGENCY, e.from(), e.number(),
                    Duration.ofSeconds(3)));
            case Action.OptionsFlood f -> submit(() -> flood(f));
            case Action.RegistrationStorm s -> submit(() -> storm(s));
            case Action.Wait w -> { }
            case Action.Mark m -> { }
        }
        applied.add(new Applied(at, action));
        steps.add(new ReportEvent(Duration.between(start, at).toMillis(),
                action.isFault() ? ReportEvent.TYPE_FAULT : action instanceof Action.Restore ? ReportEvent.TYPE_RESTORE
                        : ReportEvent.TYPE_STEP, action.describe()));
    }

    /** The provider targets' SIP addresses: what a firewall blocking SIP drops. */
    private List<java.net.InetSocketAddress> providerSip() {
        return lab.provider().targets().stream().map(t -> t.sipAddress()).toList();
    }

    private WanEmulator wan(String path) {
        return lab.wan(path);
    }

    private Instant impair(Action.Impair i) {
        Impairment imp = Impairment.NONE.withDelay(i.delay(), i.jitter()).withLoss(i.lossPercent() / 100.0);
        if (i.burst().active()) {
            imp = imp.withBurst(GilbertElliott.gilbert(i.burst().p(), i.burst().r()));
        }
        if (i.rateKbps() > 0) {
            imp = imp.withRate(i.rateKbps() * 1000, 64 * 1024);
        }
        WanEmulator w = wan(i.path());
        return switch (i.direction()) {
            case UP -> w.setImpairment(Direction.UPSTREAM, imp);
            case DOWN -> w.setImpairment(Direction.DOWNSTREAM, imp);
            case BOTH -> w.setImpairment(imp);
        };
    }

    /** Sets the LAN segment of the phones named; their RTP is really dropped or delayed from now on. */
    private void impairLan(Action.ImpairLan l) throws LabException {
        List<LabPhone> phones;
        if (Action.ImpairLan.ALL.equals(l.extension())) {
            phones = List.copyOf(lab.phones().values());
        } else {
            LabPhone phone = lab.phones().get(l.extension());
            if (phone == null) {
                throw new LabException("impairLan names phone " + l.extension() + ", which the lab does not have;"
                        + " expected one of " + lab.phones().keySet() + " or all");
            }
            phones = List.of(phone);
        }
        Impairment imp = Impairment.NONE.withDelay(l.jitter().dividedBy(2), l.jitter().dividedBy(2))
                .withLoss(l.lossPercent() / 100.0);
        for (LabPhone phone : phones) {
            if (l.direction() != Action.Impair.Direction.DOWN) {
                phone.lan().set(LanSegment.Way.TO_GATEWAY, imp);
            }
            if (l.direction() != Action.Impair.Direction.UP) {
                phone.lan().set(LanSegment.Way.TO_PHONE, imp);
            }
        }
    }

    /** RTP packets the phones' LAN segments passed and dropped so far, summed over the phones. */
    private LanCounts lanCounts() {
        long[] c = new long[4];
        for (LabPhone phone : lab.phones().values()) {
            c[0] += phone.lan().passed(LanSegment.Way.TO_GATEWAY);
            c[1] += phone.lan().dropped(LanSegment.Way.TO_GATEWAY);
            c[2] += phone.lan().passed(LanSegment.Way.TO_PHONE);
            c[3] += phone.lan().dropped(LanSegment.Way.TO_PHONE);
        }
        return new LanCounts(c[0], c[1], c[2], c[3]);
    }

    private void restart() throws LabException {
        lab.stopGateway("drill: restart");
        restartedAt = Instant.now();
        lab.startGateway();
        bindingsAfterRestart = Optional.of(lab.gateway().locations().all(Instant.now()).size());
    }

    private static Name name(String relative) {
        try {
            String zone = Lab.DOMAIN + ".";
            return Name.fromString(relative.equals("@") ? zone : relative + "." + zone);
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + relative, e);
        }
    }

    // ---- calls ----------------------------------------------------------------------------

    private void placeCalls(Action.PlaceCalls p) {
        List<String> from = p.from().isEmpty() ? new ArrayList<>(lab.phones().keySet()) : p.from();
        Semaphore slots = new Semaphore(p.concurrency());
        submit(() -> {
            for (int n = 0; n < p.count(); n++) {
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;     // ended after the timeline: the calls not placed count as not attempted
                }
                String caller = from.get(n % from.size());
                submit(() -> {
                    try {
                        outbound(CallOutcome.Kind.OUTBOUND, caller, p.to(), p.duration());
                    } finally {
                        slots.release();
                    }
                });
            }
        });
    }

    /**
     * Puts every answered call of the phone on hold and resumes each after the hold's duration,
     * each in its own job; a phone with no call up holds nothing (and the metrics say so).
     */
    private void hold(Action.Hold h) throws LabException {
        LabPhone phone = lab.phones().get(h.extension());
        if (phone == null) {
            throw new LabException("hold names phone " + h.extension() + ", which the lab does not have;"
                    + " expected one of " + lab.phones().keySet());
        }
        for (PhoneCall call : phone.activeCalls()) {
            if (!call.answered().toCompletableFuture().getNow(false)) {
                continue;
            }
            submit(() -> {
                Instant at = Instant.now();
                boolean held = accepted(call.hold());
                sleep(Duration.between(Instant.now(), at.plus(h.duration())));
                boolean resumed = held && accepted(call.resume());
                holdAttempts.add(new HoldAttempt(h.extension(), call.callId(), at, held, resumed));
            });
        }
    }

    /** Whether a hold or resume re-INVITE was accepted within the INVITE transaction's bound. */
    private static boolean accepted(java.util.concurrent.CompletionStage<Boolean> reInvite) {
        try {
            return reInvite.toCompletableFuture().get(35, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Waits until every call job is done, those that jobs still running submit included (a
     * placeCalls step whose calls take longer than planned places its last ones after the
     * timeline's end: they are still the scenario's calls), or until {@code deadline}; then ends
     * what is left.
     */
    private void awaitJobs(Instant deadline) throws InterruptedException {
        while (true) {
            Optional<java.util.concurrent.Future<?>> pending = submitted.stream().filter(f -> !f.isDone()).findFirst();
            if (pending.isEmpty()) {
                break;
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                progress.accept("  calls still running " + JOBS_AFTER_TIMELINE.toSeconds()
                        + " s after the timeline; ending them");
                jobs.shutdownNow();
                break;
            }
            try {
                pending.get().get(left, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                     | java.util.concurrent.CancellationException e) {
                // looked at by failedJob(), or by the deadline
            }
        }
        jobs.shutdown();
    }

    private void flood(Action.OptionsFlood f) {
        var sip = lab.gateway().listenPoints().stream()
                .filter(p -> p.transport() == dev.lifeline.sip.transport.Transport.UDP).findFirst()
                .orElseThrow(() -> new IllegalStateException("the gateway has no UDP listener to flood"));
        try {
            OptionsFlooder.Result r = OptionsFlooder.run(java.net.InetAddress.getByName(Action.OptionsFlood.SOURCE),
                    sip.address(), f.rate(), f.duration(), sent -> { });
            progress.accept(String.format("  %6.1f s  flood over: %d OPTIONS sent, %d answered (the rest dropped by"
                    + " the gateway)", seconds(start, Instant.now()), r.sent(), r.answered()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the OPTIONS flood failed: " + e.getMessage(), e);
        }
    }

    /** Storm queries go out at this pace: the check must not be a second storm. */
    private static final int STORM_QUERY_RATE = 5_000;

    private void storm(Action.RegistrationStorm s) {
        RegisterStorm phones = lab.stormPhones().orElseThrow(() -> new IllegalStateException(
                "registrationStorm needs storm phones: set stormPhones in the scenario's settings"));
        int n = phones.phones();
        java.io.PrintStream out = lines(progress);
        RegisterStorm.Result again = phones.run(RegisterStorm.Load.everyPhoneOnce(0, s.within(), n), out, "storm");
        progress.accept(String.format("  %6.1f s  storm over: %d of %d phones registered in %.2f s, %d refused (503)",
                seconds(start, Instant.now()), again.registered(), n, again.elapsed().toNanos() / 1e9, again.refused()));
        RegisterStorm.Result check = phones.run(RegisterStorm.Load.queryEveryPhone(STORM_QUERY_RATE,
                Duration.ofSeconds(20), n), out, "storm check");
        progress.accept(String.format("  %6.1f s  bindings checked: %d of %d phones listed", seconds(start, Instant.now()),
                check.bindingsFound(), n));
        stormOutcome = new StormOutcome(n, again.registered(), again.refused(), again.elapsed(), again.latency().p99(),
                check.bindingsFound(), check.bindingsFound() + check.bindingsMissing());
    }

    /** A print stream whose complete lines go to {@code sink}, for the storm generator's once-a-second progress. */
    private static java.io.PrintStream lines(Consumer<String> sink) {
        return new java.io.PrintStream(new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    sink.accept(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void submit(Runnable job) {
        submitted.add(jobs.submit(job));
    }

    private Optional<String> failedJob() {
        return firstFailure(submitted);
    }

    /** The first of {@code jobs} that ended in an exception, as "what it was: message"; empty when none did. */
    static Optional<String> firstFailure(List<? extends java.util.concurrent.Future<?>> jobs) {
        for (var f : jobs) {
            if (!f.isDone() || f.isCancelled()) {
                continue;
            }
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                return Optional.of(cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                        : ": " + cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while checking the call jobs");
            }
        }
        return Optional.empty();
    }

    /** A call job of the timeline ended in an exception: the run cannot vouch for its figures. */
    static final class JobFailed extends LabException {
        JobFailed(String why) {
            super("a call job of the timeline failed: " + why);
        }
    }

    private void outbound(CallOutcome.Kind kind, String from, String to, Duration hold) {
        Instant started = Instant.now();
        Optional<LabPhone> phone = lab.phone(from);
        if (phone.isEmpty()) {
            calls.add(failed(kind, to, started, hold, "no lab phone for extension " + from));
            return;
        }
        PhoneCall call = phone.get().call(to, lab.gatewaySip());
        boolean answered;
        try {
            answered = call.answered().toCompletableFuture().get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            answered = false;
        }
        if (!answered) {
            CallResult r = result(call, Duration.ofSeconds(5));
            call.hangUp();
            Duration after = Duration.between(started, Instant.now());
            calls.add(CallOutcome.failed(kind, to, started, hold, after,
                    r == null ? "no answer within " + ANSWER_WAIT.toSeconds() + " s"
                            : r.finalStatus() + r.failure().map(f -> " " + f).orElse("")));
            return;
        }
        Duration setup = Duration.between(started, Instant.now());
        // Held for exactly its planned time unless something ends it first.
        CallResult r = result(call, hold);
        boolean endedEarly = r != null;
        if (!endedEarly) {
            r = hangUp(call);
        }
        boolean dropped = endedEarly || (r != null && r.endedBy() == CallResult.EndedBy.REMOTE);
        if (r != null) {
            phoneResults.put(r.callId(), r);
        }
        Optional<PlayoutQuality> q = r == null ? Optional.empty() : r.quality();
        calls.add(new CallOutcome(kind, to, started, hold, Optional.of(setup),
                Optional.ofNullable(r).map(CallResult::talkTime), Optional.empty(), Optional.empty(), dropped,
                q.map(ScenarioRun::heardMos), q.map(PlayoutQuality::audioGap),
                q.isEmpty() || q.get().playout().received() == 0, Optional.empty(), "",
                q.map(x -> x.playout().timeline()).orElse(List.of()), false, q));
    }

    private void inbound(Action.InboundCalls action) {
        for (int n = 0; n < action.count(); n++) {
            CallerId callerId = switch (action.callerIdFormat()) {
                case E164 -> CallerId.e164("+15550123");
                case NATIONAL -> CallerId.national("5550123");
                case ANONYMOUS -> CallerId.anonymous();
            };
            Instant started = Instant.now();
            ProviderCall call;
            try {
                call = lab.provider().placeCall(InboundCall.to(action.did(), callerId));
            } catch (RuntimeException e) {
                calls.add(failed(CallOutcome.Kind.INBOUND, action.did(), started, action.duration(), e.getMessage()));
                continue;
            }
            Instant deadline = started.plus(ANSWER_WAIT);
            while (call.state() == ProviderCall.State.SETUP && Instant.now().isBefore(deadline)) {
                sleep(Duration.ofMillis(50));
            }
            if (call.state() != ProviderCall.State.ANSWERED) {
                calls.add(failed(CallOutcome.Kind.INBOUND, action.did(), started, action.duration(),
                        "not answered: " + call.state()
                        + (call.endReason() == null ? "" : " (" + call.endReason() + ")")));
                continue;
            }
            Duration setup = Duration.between(started, Instant.now());
            // A group call rings several phones: the others are cancelled, or, when two answer at
            // once, the later one is hung up at once. The call is the answered phone still on it.
            List<IncomingSeen> rung = incoming.values().stream().filter(x -> !x.at().isBefore(started))
                    .sorted(java.util.Comparator.comparing(IncomingSeen::at)).toList();
            java.util.function.Predicate<IncomingSeen> answered =
                    x -> x.call().answered().toCompletableFuture().getNow(false);
            java.util.function.Predicate<IncomingSeen> up = x -> !x.call().ended().toCompletableFuture().isDone();
            Instant until = Instant.now().plus(action.duration());
            // Dropped when either end lost it early: the provider's call ended, or every phone
            // that answered was hung up on while the provider still holds a call nobody is on.
            java.util.function.BooleanSupplier phoneEnded = () -> rung.stream().anyMatch(answered)
                    && rung.stream().filter(answered).noneMatch(up);
            while (Instant.now().isBefore(until) && call.state() == ProviderCall.State.ANSWERED
                    && !phoneEnded.getAsBoolean()) {
                sleep(min(SAMPLE, Duration.between(Instant.now(), until)));
            }
            boolean dropped = call.state() != ProviderCall.State.ANSWERED || phoneEnded.getAsBoolean();
            Optional<IncomingSeen> seen = rung.stream().filter(answered.and(up)).findFirst()
                    .or(() -> rung.stream().filter(answered).reduce((a, b) -> b))
                    .or(() -> rung.stream().findFirst());
            long heardAtProvider = call.media().received().packets();
            call.hangUp();
            boolean[] hangupLost = {false};
            Optional<CallResult> result = seen.map(x -> {
                CallResult r = result(x.call(), Duration.ofSeconds(5));
                if (r == null) {
                    progress.accept("  the phone " + x.extension() + " did not hear the provider's BYE within 5 s;"
                            + " hanging up there");
                    hangupLost[0] = true;
                    r = hangUp(x.call());
                }
                return r;
            });
            Optional<PlayoutQuality> q = result.flatMap(CallResult::quality);
            boolean oneWay = heardAtProvider == 0 || q.isEmpty() || q.get().playout().received() == 0;
            if (oneWay) {
                progress.accept("  one-way audio on an inbound call to " + action.did() + ": the provider heard "
                        + heardAtProvider + " packets, the phone " + q.map(x -> x.playout().received() + " packets")
                        .orElse("nothing (no playout report)"));
            }
            calls.add(new CallOutcome(CallOutcome.Kind.INBOUND, action.did(), started, action.duration(),
                    Optional.of(setup), result.map(CallResult::talkTime), Optional.empty(), Optional.empty(), dropped, q.map(ScenarioRun::heardMos), q.map(PlayoutQuality::audioGap), oneWay,
                    seen.map(IncomingSeen::peer), expectedCallerId(callerId),
                    q.map(x -> x.playout().timeline()).orElse(List.of()), hangupLost[0], q));
        }
    }

    /**
     * The MOS of what the phone heard; 1.0, the bottom of the scale, when it heard nothing at all
     * (the E-model rates the packets that came, and with none it would read as perfect).
     */
    private static double heardMos(PlayoutQuality q) {
        return q.playout().received() == 0 ? 1.0 : q.mos();
    }

    /** What a phone should show for a caller ID, by the site's inbound rule (national by default). */
    private String expectedCallerId(CallerId id) {
        return switch (id.format()) {
            case ANONYMOUS -> "anonymous";
            default -> id.number().replaceFirst("^\\+", "");
        };
    }

    private static CallResult result(PhoneCall call, Duration wait) {
        try {
            return call.ended().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static CallResult hangUp(PhoneCall call) {
        try {
            return call.hangUp().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static CallOutcome failed(CallOutcome.Kind kind, String to, Instant started, Duration planned, String why) {
        return CallOutcome.failed(kind, to, started, planned, Duration.between(started, Instant.now()), why);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Sleeps {@code d}; nothing when it is zero or negative (a deadline passed while computing it). */
    private static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** An action the in-process lab cannot perform yet: the scenario ends in error and says which. */
    static final class UnsupportedInLab extends LabException {
        UnsupportedInLab(String what) {
            super("not supported by the in-process lab yet: " + what);
        }
    }

    /**
     * Everything a run observed, for {@link Measurements}: {@code wan} is every packet the paths'
     * emulators carried during the run except the quality probes, in time order;
     * {@code wanAddresses} each path's public (NAT) address, as the provider sees the site;
     * {@code holds} the timeline's holds as the phones carried them out; {@code phoneResults}
     * what the phones reported for the calls they placed, by Call-ID.
     */
    record Observed(Scenario scenario, Instant start, Instant end, List<Applied> applied, List<CallOutcome> calls,
                    List<ReportEvent> steps, List<Event> gatewayEvents,
                    List<dev.lifeline.drill.lab.provider.ProviderObservation> provider,
                    Map<String, IncomingSeen> incoming,
                    Optional<Instant> restartedAt, Optional<Integer> bindingsAfterRestart, int phones,
                    Map<String, Optional<Instant>> reregistered, dev.lifeline.gateway.config.SiteConfig site,
                    List<PathPacket> wan, Map<String, java.net.InetAddress> wanAddresses,
                    Optional<StormOutcome> storm, LanCounts lan, List<HoldAttempt> holds,
                    Map<String, CallResult> phoneResults) {
    }

    /**
     * RTP packets the lab phones' LAN segments passed and dropped during the run, as the lab
     * counted them ({@link LanSegment}): toward the gateway and toward the phones.
     */
    record LanCounts(long toGatewayPassed, long toGatewayDropped, long toPhonePassed, long toPhoneDropped) {

        static final LanCounts NONE = new LanCounts(0, 0, 0, 0);

        LanCounts minus(LanCounts earlier) {
            return new LanCounts(toGatewayPassed - earlier.toGatewayPassed, toGatewayDropped - earlier.toGatewayDropped,
                    toPhonePassed - earlier.toPhonePassed, toPhoneDropped - earlier.toPhoneDropped);
        }
    }
}
