package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PolicyAction.Confirm;
import dev.lifeline.gateway.path.PolicyAction.Publish;
import dev.lifeline.gateway.path.PolicyAction.SwitchActive;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link FailoverPolicy} for the site's WAN paths: a {@link QualityProber} per path that
 * has a reflector, an OPTIONS round per path every probe interval, and a tick every 50 ms, all
 * fed to the policy on the injected single-threaded scheduler. The policy's actions become
 * events on the injected consumer and {@link PathListener} calls (on the scheduler thread).
 */
public final class PathManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PathManager.class);
    /** How often silence and hold-down timers are checked: well under the 600 ms silence window. */
    static final Duration TICK = Duration.ofMillis(50);
    /** Extra wait beyond the probe timeout before an OPTIONS probe that never completes counts as failed. */
    private static final Duration OPTIONS_GRACE = Duration.ofSeconds(1);

    private final Map<String, WanPath> paths = new LinkedHashMap<>();
    private final FailoverSettings settings;
    private final QualityModel model;
    private final Function<WanPath, Optional<InetSocketAddress>> reflectors;
    private final OptionsProbe options;
    private final MediaWatch media;
    private volatile ReachabilityCheck reachability = ReachabilityCheck.NONE;
    /** A media sample is out (scheduler thread only): one at a time, however slow the calls' thread. */
    private boolean sampling;
    /** When the last tick ran (System.nanoTime; 0 before the first), on the scheduler thread only. */
    private long lastTick;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final Consumer<Event> events;
    private final PathListener listener;
    /** Swapped by {@link #retune}; the probing schedule ({@code settings}) stays as started. */
    private volatile FailoverPolicy policy;
    private final List<QualityProber> probers = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * OPTIONS probes out per path (scheduler thread only). A probe times out after the probe
     * timeout, which by default equals the interval, so the next round must not wait for the
     * last one: up to {@link #MAX_OPTIONS_IN_FLIGHT} overlap, and a dead path fails one probe per
     * interval — 3 in a row take about 3 intervals plus one timeout, not twice that.
     */
    private final Map<String, Integer> optionsInFlight = new HashMap<>();
    private static final int MAX_OPTIONS_IN_FLIGHT = 3;
    private ProbeIo io;
    private java.util.function.Supplier<dev.lifeline.sip.transport.SocketGate> gate =
            () -> dev.lifeline.sip.transport.SocketGate.OPEN;
    private volatile PolicyState state;
    private volatile List<PathStatus> snapshot = List.of();
    private volatile boolean closed;

    /**
     * @param paths      the site's WAN paths (at least one, unique names)
     * @param reflectors the quality reflector to probe through each path, empty for none (then
     *                   OPTIONS alone judge that path); asked once, at {@link #start()}
     * @param options    sends one OPTIONS over a path
     * @param scheduler  single-threaded: every policy step runs on it; not shut down by close
     * @param events     receives every event the policy publishes
     * @param listener   told when trunk traffic must move
     */
    public PathManager(List<WanPath> paths, FailoverSettings settings, QualityModel model,
                       Function<WanPath, Optional<InetSocketAddress>> reflectors, OptionsProbe options,
                       ScheduledExecutorService scheduler, InstantSource clock, Consumer<Event> events,
                       PathListener listener) {
        this(paths, settings, model, reflectors, options, MediaWatch.NONE, scheduler, clock, events, listener);
    }

    /**
     * @param media samples the live calls' provider media on the active path every tick (the
     *              media watch); {@link MediaWatch#NONE} when there are no calls to watch
     */
    public PathManager(List<WanPath> paths, FailoverSettings settings, QualityModel model,
                       Function<WanPath, Optional<InetSocketAddress>> reflectors, OptionsProbe options,
                       MediaWatch media, ScheduledExecutorService scheduler, InstantSource clock,
                       Consumer<Event> events, PathListener listener) {
        paths.forEach(p -> this.paths.put(p.name(), p));
        this.media = Objects.requireNonNull(media, "media");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.reflectors = Objects.requireNonNull(reflectors, "reflectors");
        this.options = Objects.requireNonNull(options, "options");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.policy = new FailoverPolicy(settings);
    }

    /**
     * Judges paths by {@code next}'s thresholds from the next decision on (how many failed OPTIONS
     * or how low an R for how long take a path down, the hold-down, failback, the switch limit):
     * the policy is pure and its state carries over. Probe timing and confirmation bursts keep the
     * settings the manager started with.
     */
    public void retune(FailoverSettings next) {
        policy = new FailoverPolicy(next);
    }

    /**
     * Announces every path up and the preferred one active, then starts probing.
     *
     * @throws IllegalArgumentException for no paths or duplicate names
     * @throws IllegalStateException when a path's probe socket cannot be bound (nothing is left running)
     */
    public synchronized void start() {
        if (state != null) {
            throw new IllegalStateException("the path manager is already started");
        }
        Map<WanPath, InetSocketAddress> probed = new LinkedHashMap<>();
        for (WanPath p : paths.values()) {
            reflectors.apply(p).ifPresent(r -> probed.put(p, r));
        }
        Set<String> probedNames = new HashSet<>();
        probed.keySet().forEach(p -> probedNames.add(p.name()));
        Decision first = policy.start(List.copyOf(paths.values()), probedNames, clock.instant());
        try {
            if (!probed.isEmpty()) {
                io = ProbeIo.create(1, gate);
                for (Map.Entry<WanPath, InetSocketAddress> e : probed.entrySet()) {
                    String name = e.getKey().name();
                    probers.add(QualityProber.start(e.getKey(), e.getValue(), model, io, clock, new QualityProber.Listener() {
                                @Override
                                public void heard(Duration rtt) {
                                    submit(new PolicyInput.ProbeHeard(name));
                                }

                                @Override
                                public void measured(QualitySummary summary) {
                                    submit(new PolicyInput.QualityMeasured(name, summary));
                                }
                            }));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // The first decision is applied on the scheduler too, before any probe result.
        scheduler.execute(() -> apply(first));
        long tick = TICK.toNanos();
        timers.add(scheduler.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS));
        long round = settings.probeInterval().toNanos();
        timers.add(scheduler.scheduleAtFixedRate(this::optionsRound, 0, round, TimeUnit.NANOSECONDS));
    }

    /** Adds a check beside OPTIONS to the confirmation burst (STUN); call before {@link #start()}. */
    /** The gate the quality probe sockets ask before each read and write (an injected path cut closes it). */
    public PathManager withGate(java.util.function.Supplier<dev.lifeline.sip.transport.SocketGate> value) {
        this.gate = Objects.requireNonNull(value, "gate");
        return this;
    }

    public PathManager withReachabilityCheck(ReachabilityCheck check) {
        this.reachability = Objects.requireNonNull(check, "check");
        return this;
    }

    /** The path carrying trunk traffic now; empty before start and in survival mode. */
    public Optional<WanPath> active() {
        PolicyState s = state;
        return s == null ? Optional.empty() : s.active().map(paths::get);
    }

    /** Failed OPTIONS probes per path, since start (counted on the scheduler thread, read by any). */
    private final Map<String, java.util.concurrent.atomic.LongAdder> optionsFailures =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Regular OPTIONS probes that failed on each path since start (no answer within the probe
     * timeout, an error answer, or not sent at all), for metrics; a path with none is absent.
     * Probes of a confirmation burst are not counted: only their answers reach the policy.
     */
    public Map<String, Long> optionsFailures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        optionsFailures.forEach((path, n) -> out.put(path, n.sum()));
        return out;
    }

    /** One line per path for {@code lifeline status}, best priority first. */
    public List<PathStatus> snapshot() {
        return snapshot;
    }

    private void tick() {
        long now = System.nanoTime();
        long late = lastTick == 0 ? 0 : now - lastTick - TICK.toNanos();
        lastTick = now;
        // Only a stall worth the name (more than a tick late) is excused, not scheduling noise.
        Duration stalled = late > TICK.toNanos() ? Duration.ofNanos(late) : Duration.ZERO;
        if (!stalled.isZero()) {
            log.debug("path checks ran {} ms late (the gateway itself stalled); silence in that time not counted",
                    stalled.toMillis());
        }
        feed(new PolicyInput.Tick(stalled));
        watchMedia();
    }

    /** Samples the provider media of the calls on the active path, when the watch is on. */
    private void watchMedia() {
        PolicyState s = state;
        if (closed || sampling || s == null || s.active().isEmpty() || media == MediaWatch.NONE
                || settings.mediaSilence().isZero() || !settings.confirms()) {
            return;
        }
        String name = s.active().get();
        sampling = true;
        CompletionStage<MediaSample> sample;
        try {
            sample = media.sample(paths.get(name));
        } catch (RuntimeException e) {
            sampling = false;
            log.debug("media watch on {} failed: {}", name, e.toString());
            return;
        }
        sample.toCompletableFuture().orTimeout(1, TimeUnit.SECONDS).whenComplete((m, error) -> submit(() -> {
            sampling = false;
            if (m != null) {
                feed(new PolicyInput.MediaSampled(name, m));
            }
        }));
    }

    /**
     * The confirmation burst: an OPTIONS probe every {@code confirmInterval} for
     * {@code confirmWindow}, each allowed what is left of the window. Answers end the
     * suspicion; failures are not counted (the window running out is the verdict), and the
     * burst stops as soon as the path is no longer suspect.
     */
    private void confirm(String name) {
        WanPath path = paths.get(name);
        long window = settings.confirmWindow().toNanos();
        long interval = settings.confirmInterval().toNanos();
        for (long at = 0; at < window; at += interval) {
            Duration timeout = Duration.ofNanos(Math.max(interval, window - at));
            timers.add(scheduler.schedule(() -> burstProbe(path, timeout), at, TimeUnit.NANOSECONDS));
        }
        timers.removeIf(java.util.concurrent.Future::isDone);
    }

    private void burstProbe(WanPath path, Duration timeout) {
        PolicyState s = state;
        if (closed || s == null || s.path(path.name()).flatMap(PathHealth::suspectSince).isEmpty()) {
            return;
        }
        ReachabilityCheck extra = reachability;
        if (extra != ReachabilityCheck.NONE) {
            try {
                extra.check(path, timeout).whenComplete((yes, error) -> {
                    if (Boolean.TRUE.equals(yes)) {
                        submit(new PolicyInput.ReachabilityConfirmed(path.name(), extra.describe()));
                    }
                });
            } catch (RuntimeException e) {
                log.debug("confirmation check on {} failed: {}", path.name(), e.toString());
            }
        }
        try {
            options.probe(path, timeout).toCompletableFuture()
                    .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((failure, error) -> {
                        if (error == null && failure.isEmpty()) {
                            submit(new PolicyInput.OptionsAnswered(path.name()));
                        }
                    });
        } catch (RuntimeException e) {
            log.debug("confirmation probe on {} could not be sent: {}", path.name(), e.toString());
        }
    }

    private void optionsRound() {
        for (WanPath p : paths.values()) {
            if (closed || optionsInFlight.getOrDefault(p.name(), 0) >= MAX_OPTIONS_IN_FLIGHT) {
                continue; // enough probes on this path are still out
            }
            optionsInFlight.merge(p.name(), 1, Integer::sum);
            CompletionStage<Optional<String>> probe;
            try {
                probe = options.probe(p, settings.probeTimeout());
            } catch (RuntimeException e) {
                optionsInFlight.merge(p.name(), -1, Integer::sum);
                feed(new PolicyInput.OptionsFailed(p.name(), "probe could not be sent: " + e.getMessage()));
                continue;
            }
            Duration limit = settings.probeTimeout().plus(OPTIONS_GRACE);
            java.util.concurrent.CompletableFuture<Optional<String>> pending = probe.toCompletableFuture();
            java.time.Instant sentAt = clock.instant();
            Duration late = lateAfter(p.name());
            if (!late.isZero() && late.compareTo(settings.probeTimeout()) < 0 && settings.confirms()) {
                // A probe this late is news already: confirm now rather than after the full timeout.
                timers.add(scheduler.schedule(() -> {
                    if (!pending.isDone()) {
                        feed(new PolicyInput.OptionsLate(p.name(), late));
                    }
                }, late.toNanos(), TimeUnit.NANOSECONDS));
                timers.removeIf(java.util.concurrent.Future::isDone);
            }
            pending
                    .orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((failure, error) -> submit(() -> {
                        optionsInFlight.merge(p.name(), -1, Integer::sum);
                        if (error == null && failure.isEmpty()) {
                            answerTime(p.name(), Duration.between(sentAt, clock.instant()).toNanos());
                        }
                        feed(error != null ? new PolicyInput.OptionsFailed(p.name(), describe(error, limit))
                                : failure.<PolicyInput>map(why -> new PolicyInput.OptionsFailed(p.name(), why))
                                        .orElseGet(() -> new PolicyInput.OptionsAnswered(p.name())));
                    }));
        }
    }

    /** Smoothed OPTIONS answer time per path, in nanoseconds (scheduler thread only). */
    private final Map<String, Long> answerNanos = new HashMap<>();

    private void answerTime(String path, long nanos) {
        // RFC 6298's smoothing (1/8): one slow answer moves it a little, a slower link a lot.
        answerNanos.merge(path, nanos, (old, now) -> old + (now - old) / 8);
    }

    /**
     * When a probe counts as late: {@code suspectAfter}, or twice the path's usual answer time
     * when that is longer, so that a slow link (LTE under load, satellite) is not suspect on
     * every probe. Zero: off.
     */
    private Duration lateAfter(String path) {
        Duration configured = settings.suspectAfter();
        if (configured.isZero()) {
            return configured;
        }
        long usual = answerNanos.getOrDefault(path, 0L);
        return usual * 2 > configured.toNanos() ? Duration.ofNanos(usual * 2) : configured;
    }

    private static String describe(Throwable error, Duration limit) {
        Throwable cause = error.getCause() != null && !(error instanceof TimeoutException) ? error.getCause() : error;
        return cause instanceof TimeoutException
                ? "no result within " + FailoverPolicy.human(limit)
                : "probe failed: " + cause.getMessage();
    }

    private void submit(PolicyInput input) {
        submit(() -> feed(input));
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the scheduler is shutting down: the gateway is stopping
        }
    }

    private void feed(PolicyInput input) {
        PolicyState s = state;
        if (closed || s == null) {
            return;
        }
        if (input instanceof PolicyInput.OptionsFailed f) {
            optionsFailures.computeIfAbsent(f.path(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
        try {
            apply(policy.next(s, input, clock.instant()));
        } catch (RuntimeException e) {
            log.error("failover policy failed on {}; path state unchanged", input, e);
        }
    }

    private void apply(Decision d) {
        state = d.state();
        snapshot = PathStatus.of(d.state());
        for (PolicyAction a : d.actions()) {
            try {
                switch (a) {
                    case Publish p -> events.accept(p.event());
                    case SwitchActive s -> listener.onActivePathChanged(s.from().map(paths::get), s.to().map(paths::get),
                            s.reason());
                    case Confirm c -> confirm(c.path());
                }
            } catch (RuntimeException e) {
                log.error("acting on {} failed", a, e); // the next actions still run
            }
        }
    }

    /** Stops probing; the injected scheduler is left running. */
    @Override
    public synchronized void close() {
        closed = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        probers.forEach(QualityProber::close);
        probers.clear();
        if (io != null) {
            io.close();
            io = null;
        }
    }
}
