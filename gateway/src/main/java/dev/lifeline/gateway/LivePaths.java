package dev.lifeline.gateway;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.dns.DnsSettings;
import dev.lifeline.gateway.dns.PathResolver;
import dev.lifeline.gateway.dns.ProviderTarget;
import dev.lifeline.gateway.dns.SipLocator;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.path.OptionsProbe;
import dev.lifeline.gateway.path.PathListener;
import dev.lifeline.gateway.path.PathManager;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.path.QualityModel;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.trunk.NatMappings;
import dev.lifeline.gateway.trunk.ProviderTrunk;
import dev.lifeline.gateway.trunk.TargetHealth;
import dev.lifeline.gateway.trunk.TrunkTlsProfiles;
import dev.lifeline.gateway.trunk.TrunkRoute;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's WAN paths, live: where each trunk's provider is on each path (RFC 3263 through
 * that path's resolvers), the {@link PathManager} probing the paths, and what happens when the
 * active path changes — every trunk re-REGISTERs over the new path at once (new Contact, old
 * one removed in the same request), answered calls with the provider get a re-INVITE with the
 * relay's address on the new path, and with no path left the gateway is in survival mode:
 * trunks count as unreachable, so outbound calls fail at once with the reason while internal
 * calls carry on.
 *
 * <p>The probes judge each provider target too ({@link TargetHealth}, DESIGN.md F7): when the
 * target a trunk is registered with misses {@code failover.optionsFailuresToDown} OPTIONS in a
 * row on the active path while another target of its provider answers, the trunk re-REGISTERs
 * with that one at once (a {@link Event.ProviderTargetFailed} with method OPTIONS) instead of
 * waiting for its own REGISTER refresh to fail. It stays there when the old target answers
 * again, unless that one has a better SRV priority, has answered for {@code failover.holdDown}
 * and failback is preemptive. And the answers' top Via tell where the provider sees us from
 * ({@link NatMappings}, DESIGN.md F4): when that changes on the active path, the NAT re-mapped
 * us, and the trunks registered with that target re-REGISTER at once so the provider's binding
 * follows the new mapping. The first address seen is the baseline, and a REGISTER's 2xx sets
 * it anew without more ado (the binding it made points there already).
 *
 * <p>With no paths configured this is inert: trunks use the LAN listen point and the
 * configured provider address, as a single-WAN site does.
 */
public final class LivePaths implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LivePaths.class);
    /** How long start-up waits for a trunk's provider to be located on the first path. */
    private static final Duration LOCATE_AT_START = Duration.ofSeconds(3);

    private final SiteConfig config;
    private final SipStack stack;
    private final EventSink events;
    private final InstantSource clock;
    private final Map<String, SipLocator> locators = new LinkedHashMap<>();
    private final Map<String, PathResolver> resolvers = new LinkedHashMap<>();
    /** How long after a failover the new path's expired DNS answers are served at once. */
    private static final Duration EXPEDITE_AT_FAILOVER = Duration.ofSeconds(2);
    private final ScheduledExecutorService thread;
    private final Optional<TrunkTlsProfiles> tls;
    private PathManager manager;
    private volatile Optional<WanPath> active;
    private volatile Collection<ProviderTrunk> trunks = List.of();
    private volatile CallHandler calls;
    /** Per trunk, per path: each provider target's OPTIONS record. Touched on {@link #thread} only. */
    private final Map<String, Map<String, TargetHealth>> health = new java.util.HashMap<>();
    /** Where each provider target sees us from, per path. Touched on {@link #thread} only. */
    private NatMappings nat = NatMappings.EMPTY;
    private volatile TargetHealth.Policy targetPolicy;
    /** Whether the manager's first decision (every path presumed up, the preferred active) has come. */
    private volatile boolean announced;
    /** What the probe sockets ask before each read and write; closed for a path an injected fault cuts. */
    private volatile dev.lifeline.sip.transport.SocketGate gate = dev.lifeline.sip.transport.SocketGate.OPEN;

    private LivePaths(SiteConfig config, SipStack stack, EventSink events, InstantSource clock,
                      Optional<TrunkTlsProfiles> tls) {
        this.tls = tls;
        this.config = config;
        this.stack = stack;
        this.events = events;
        this.clock = clock;
        this.targetPolicy = TargetHealth.Policy.of(config.failover());
        for (WanPath path : config.paths()) {
            PathResolver resolver = new PathResolver(path, dnsSettings(config.dns()), clock, events::accept);
            resolvers.put(path.name(), resolver);
            locators.put(path.name(), new SipLocator(resolver, new SecureRandom()));
        }
        this.active = config.paths().stream().min(java.util.Comparator.comparingInt(WanPath::priority));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wan-paths");
            t.setDaemon(true);
            return t;
        });
    }

    /** The {@code dns:} section over the resolver's defaults (stale-answer TTL, negative-cache cap). */
    static DnsSettings dnsSettings(dev.lifeline.gateway.config.ResolverSettings configured) {
        return DnsSettings.DEFAULTS.withQueryTimeout(configured.queryTimeout()).withAttempts(configured.attempts())
                .withMaxStale(configured.maxStale());
    }

    /** @param tls the TLS trunks' profiles, given the host names of the targets found (empty without TLS) */
    static LivePaths create(SiteConfig config, SipStack stack, EventSink events, InstantSource clock,
                            Optional<TrunkTlsProfiles> tls) {
        return new LivePaths(config, stack, events, clock, tls);
    }

    /** Sets the gate the path probes' sockets ask (see {@link dev.lifeline.sip.transport.SocketGate}). */
    void gate(dev.lifeline.sip.transport.SocketGate value) {
        gate = value;
        resolvers.values().forEach(r -> r.gate(value));
    }

    /** Whether the site has WAN paths configured (else everything runs as before paths existed). */
    /** Failover thresholds from {@code next} from now on (see {@link PathManager#retune}); provider targets too. */
    public void retune(dev.lifeline.gateway.config.FailoverSettings next) {
        targetPolicy = TargetHealth.Policy.of(next);
        PathManager m = manager;
        if (m != null) {
            m.retune(next);
        }
    }

    public boolean enabled() {
        return !config.paths().isEmpty();
    }

    /** The path carrying trunk traffic now; empty in survival mode or without paths. */
    public Optional<WanPath> active() {
        return active;
    }

    /** Every path is down: internal calls only. */
    public boolean survival() {
        return enabled() && active.isEmpty();
    }

    /** Each path's state and probe figures, for status. */
    public List<PathStatus> snapshot() {
        PathManager m = manager;
        return m == null ? List.of() : m.snapshot();
    }

    /** Failed OPTIONS probes per path since start, for metrics; empty without paths. */
    public Map<String, Long> optionsFailures() {
        PathManager m = manager;
        return m == null ? Map.of() : m.optionsFailures();
    }

    /** The relay's address toward providers: the active path's, or {@code lan} without paths. */
    public InetAddress mediaAddress(InetAddress lan) {
        return active.map(WanPath::bind).orElse(lan);
    }

    /**
     * The trunk's route over {@code path}: its provider's targets located through the path's
     * resolvers, each sent from the path's address, and a Contact on that address.
     */
    public CompletionStage<TrunkRoute> route(Trunk trunk, WanPath path) {
        return locate(trunk, path).thenApply(Located::route);
    }

    /** A route as a probe round located it, with each target's SRV priority. */
    private record Located(TrunkRoute route, List<TargetHealth.Ranked> ranked) {
    }

    private CompletionStage<Located> locate(Trunk trunk, WanPath path) {
        Transport transport = transport(trunk);
        return locators.get(path.name()).locate(trunk.provider(), transport).thenApply(found -> {
            if (found.isEmpty()) {
                throw new IllegalStateException("no address for " + trunk.provider() + " via " + path.name());
            }
            // A TLS target is checked against its trunk's own trust, found by the target's host name.
            tls.ifPresent(p -> p.routeTargets(trunk.name(), found.stream().map(ProviderTarget::host).toList()));
            boolean fromPath = hasListenPoint(transport, path.bind());
            List<TargetHealth.Ranked> ranked = found.stream().map(f -> new TargetHealth.Ranked(
                    fromPath ? f.toTarget().from(path.bind()) : f.toTarget(), f.priority())).toList();
            List<Target> targets = ranked.stream().map(TargetHealth.Ranked::target).toList();
            SipUri contact = fromPath ? stack.localUri(user(trunk), transport, path.bind())
                    : stack.localUri(user(trunk), transport);
            return new Located(new TrunkRoute(targets.get(0), contact, targets.subList(1, targets.size())), ranked);
        });
    }

    /** The route on the preferred path, or on any path that can locate the provider; empty when none can. */
    Optional<TrunkRoute> initialRoute(Trunk trunk) {
        List<WanPath> order = new ArrayList<>(config.paths());
        order.sort(java.util.Comparator.comparingInt(WanPath::priority));
        for (WanPath path : order) {
            try {
                return Optional.of(route(trunk, path).toCompletableFuture()
                        .get(LOCATE_AT_START.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                LOG.warn("trunk {}: cannot locate {} via {}: {}", trunk.name(), trunk.provider(), path.name(),
                        rootMessage(e));
            }
        }
        return Optional.empty();
    }

    /** Starts probing; from now on a change of the active path moves {@code trunks} and {@code calls}. */
    void start(Collection<ProviderTrunk> liveTrunks, CallHandler callHandler) {
        this.trunks = List.copyOf(liveTrunks);
        this.calls = callHandler;
        trunks.forEach(t -> t.onResponseVia(this::noteTrunkVia));
        manager = new PathManager(config.paths(), config.failover(), QualityModel.DEFAULT, this::reflector,
                probe(), this::providerMedia, thread, clock, events::accept, listener()).withGate(() -> gate);
        config.failover().stun().ifPresent(target -> {
            stun = new dev.lifeline.gateway.path.StunChecks(config.paths(), path -> stunTargets(target, path), () -> gate);
            manager.withReachabilityCheck(stun);
        });
        manager.start();
    }

    /**
     * The media watch's sample of {@code path}: the answered provider calls whose provider side
     * is anchored on the path's address, counted when the provider said it sends, has delivered
     * on this path already and was not quiet on purpose (comfort noise) last.
     */
    private CompletionStage<dev.lifeline.gateway.path.MediaSample> providerMedia(WanPath path) {
        CallHandler handler = calls;
        if (handler == null) {
            return CompletableFuture.completedFuture(dev.lifeline.gateway.path.MediaSample.NONE);
        }
        return handler.trunkCallMedia().thenApply(all -> sample(all, path.bind()));
    }

    /**
     * The calls whose provider side is on {@code bind} and should be heard from: the provider
     * said it sends (not on hold, not recvonly or inactive), it has delivered on this path
     * already, and its last packet was not comfort noise (a quiet far end may send nothing for
     * seconds). Their latest arrival on each side.
     */
    static dev.lifeline.gateway.path.MediaSample sample(List<dev.lifeline.gateway.routing.TrunkCallMedia> calls,
                                                        InetAddress bind) {
        List<dev.lifeline.gateway.routing.TrunkCallMedia> watched = calls.stream()
                .filter(m -> m.local().equals(bind) && m.providerSends())
                .filter(m -> m.provider().packets() > 0 && !m.provider().comfortNoise())
                .toList();
        return new dev.lifeline.gateway.path.MediaSample(watched.size(),
                watched.stream().flatMap(m -> m.provider().lastArrival().stream()).max(Instant::compareTo),
                watched.stream().flatMap(m -> m.phone().lastArrival().stream()).max(Instant::compareTo));
    }

    private dev.lifeline.gateway.path.StunChecks stun;

    /**
     * Where the confirmation burst's STUN goes over {@code path}: the UDP SIP targets the trunks
     * were last located to through it, or the configured server (an address as is, a name
     * through the path's resolvers).
     */
    private CompletionStage<List<InetSocketAddress>> stunTargets(dev.lifeline.gateway.config.StunTarget target,
                                                                 WanPath path) {
        if (target.provider()) {
            List<InetSocketAddress> found = new ArrayList<>();
            for (Trunk trunk : config.trunks()) {
                Located located = lastLocated.get(trunk.name() + "|" + path.name());
                if (located != null) {
                    located.route().targets().stream().filter(t -> t.transport() == Transport.UDP)
                            .map(Target::remote).forEach(found::add);
                }
            }
            return CompletableFuture.completedFuture(found);
        }
        HostPort hp = target.server().orElseThrow();
        int port = hp.port().orElse(3478);
        if (hp.isIpLiteral()) {
            try {
                return CompletableFuture.completedFuture(List.of(new InetSocketAddress(InetAddress.getByName(hp.host()),
                        port)));
            } catch (java.net.UnknownHostException e) {
                return CompletableFuture.completedFuture(List.of());
            }
        }
        return resolvers.get(path.name()).addresses(hp.host())
                .thenApply(list -> list.stream().map(a -> new InetSocketAddress(a, port)).toList())
                .exceptionally(e -> List.of());
    }

    private Optional<InetSocketAddress> reflector(WanPath path) {
        Optional<HostPort> configured = config.failover().reflector();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        HostPort hp = configured.get();
        if (hp.isIpLiteral()) {
            try {
                // An address is used as it is: asking the path's resolvers about it can only fail.
                return Optional.of(new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port().orElseThrow()));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("an IP literal did not parse: " + hp.host(), e);
            }
        }
        try {
            List<InetAddress> addresses = resolvers.get(path.name()).addresses(hp.host()).toCompletableFuture()
                    .get(LOCATE_AT_START.toMillis(), TimeUnit.MILLISECONDS);
            return addresses.stream().findFirst().map(a -> new InetSocketAddress(a, hp.port().orElseThrow()));
        } catch (Exception e) {
            LOG.warn("path {}: reflector {} not found ({}); OPTIONS alone will judge this path", path.name(), hp,
                    rootMessage(e));
            return Optional.empty();
        }
    }

    /**
     * OPTIONS to every target of every trunk over the path; the path answers when any target
     * answers anything (even an error response proves the path carries SIP both ways). Each
     * target's answer is judged as well, on the paths' thread: a dead target moves its trunk to
     * one that answers, and a new public address in the answers' Via means the NAT re-mapped us.
     */
    private OptionsProbe probe() {
        return (path, timeout) -> {
            if (config.trunks().isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            List<CompletableFuture<Optional<String>>> each = new ArrayList<>();
            for (Trunk trunk : config.trunks()) {
                each.add(probeRoute(trunk, path)
                        .thenCompose(located -> {
                            List<CompletableFuture<TargetAnswer>> answers = probeTargets(trunk, located.route(), timeout);
                            allOf(answers).thenAccept(all -> onThread(() -> judge(trunk, path, located, all)));
                            return firstAnswer(answers);
                        })
                        .exceptionally(e -> Optional.of("DNS: " + rootMessage(e))));
            }
            return anyAnswered(each);
        };
    }

    /** The last route each (trunk, path) was located to, so that a slow resolver does not delay the SIP probe. */
    private final Map<String, Located> lastLocated = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The route to probe: the provider is located again through the path's resolvers on every
     * round (answers come from the cache while fresh), but once a route is known the probe does
     * not wait for DNS — it tests SIP over the path with the last route while the lookup runs, and
     * the next round uses what the lookup found. A DNS outage then shows as DnsProblem events (and
     * stale answers, RFC 8767), not as a SIP path failure; with no route known yet, the probe waits.
     */
    private CompletableFuture<Located> probeRoute(Trunk trunk, WanPath path) {
        String key = trunk.name() + "|" + path.name();
        CompletableFuture<Located> fresh = locate(trunk, path).toCompletableFuture();
        fresh.thenAccept(found -> lastLocated.put(key, found));
        Located known = lastLocated.get(key);
        return known != null ? CompletableFuture.completedFuture(known) : fresh;
    }

    /** One target's answer to one probe: the response's top Via, or why there was none. */
    private record TargetAnswer(Target target, Optional<Via> via, Optional<String> failure) {
    }

    private List<CompletableFuture<TargetAnswer>> probeTargets(Trunk trunk, TrunkRoute route, Duration timeout) {
        List<CompletableFuture<TargetAnswer>> each = new ArrayList<>();
        for (Target target : route.targets()) {
            each.add(stack.request(options(trunk, route), target).toCompletableFuture()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(response -> new TargetAnswer(target,
                            response.vias().isEmpty() ? Optional.empty() : Optional.of(response.topVia()),
                            Optional.empty()))
                    .exceptionally(e -> new TargetAnswer(target, Optional.empty(), Optional.of(
                            e instanceof java.util.concurrent.TimeoutException
                                    || rootCause(e) instanceof java.util.concurrent.TimeoutException
                            ? "timeout after " + dev.lifeline.gateway.config.DurationFormat.format(timeout)
                            : rootMessage(e)))));
        }
        return each;
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> each) {
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Empty (the path answered) as soon as any target answers — a silent target must not hold
     * up the verdict on the path, which a confirmation burst needs within its window — else,
     * once every target failed, the first failure's reason.
     */
    private static CompletableFuture<Optional<String>> firstAnswer(List<CompletableFuture<TargetAnswer>> answers) {
        CompletableFuture<Optional<String>> verdict = new CompletableFuture<>();
        answers.forEach(f -> f.thenAccept(a -> {
            if (a.failure().isEmpty()) {
                verdict.complete(Optional.empty());
            }
        }));
        allOf(answers).thenAccept(all -> verdict.complete(all.stream().anyMatch(a -> a.failure().isEmpty())
                ? Optional.empty() : all.stream().flatMap(a -> a.failure().stream()).findFirst()));
        return verdict;
    }

    /** Empty (answered) as soon as any trunk's probe was answered, else the first failure's reason. */
    private static CompletableFuture<Optional<String>> anyAnswered(List<CompletableFuture<Optional<String>>> each) {
        CompletableFuture<Optional<String>> verdict = new CompletableFuture<>();
        each.forEach(f -> f.thenAccept(r -> {
            if (r.isEmpty()) {
                verdict.complete(Optional.empty());
            }
        }));
        allOf(each).thenAccept(all -> {
            List<String> failures = all.stream().flatMap(Optional::stream).toList();
            verdict.complete(failures.size() < all.size() ? Optional.empty() : Optional.of(failures.get(0)));
        });
        return verdict;
    }

    // ---- per target, on the paths' thread ----

    /** Runs {@code task} on the paths' thread (never on the stack's, which must not wait for a trunk's lock). */
    private void onThread(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("judging provider targets failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("paths closed; dropping a probe result");
        }
    }

    /** Records a probe round of one trunk on one path; on the active path, moves the trunk off a dead target. */
    private void judge(Trunk trunk, WanPath path, Located located, List<TargetAnswer> answers) {
        Instant now = clock.instant();
        Map<String, TargetHealth> perPath = health.computeIfAbsent(trunk.name(), k -> new LinkedHashMap<>());
        TargetHealth h = perPath.getOrDefault(path.name(), TargetHealth.EMPTY).retain(located.route().targets());
        for (TargetAnswer a : answers) {
            h = a.failure().isPresent() ? h.failed(a.target(), a.failure().get()) : h.answered(a.target(), now);
        }
        perPath.put(path.name(), h);
        for (TargetAnswer a : answers) {
            a.via().ifPresent(via -> noteVia(path, a.target(), via, true));
        }
        ProviderTrunk live = live(trunk.name()).orElse(null);
        TrunkRoute current = live == null ? null : live.route().orElse(null);
        if (current == null || !isActive(path) || !located.route().targets().contains(current.target())) {
            return;   // the trunk is not on this path's targets (yet): nothing of its to move
        }
        Optional<TargetHealth.Move> move = h.choose(current.target(), located.ranked(), targetPolicy, now);
        if (move.isEmpty()) {
            return;
        }
        TargetHealth.Move m = move.get();
        if (m instanceof TargetHealth.Failover f) {
            events.accept(new Event.ProviderTargetFailed(now, trunk.name(), "OPTIONS", describe(f.from()), f.failure()));
        }
        LOG.info("trunk {}: {}", trunk.name(), m.reason());
        // The trunk's own route when it knows the target (its alternates as they were), else the one just located.
        TrunkRoute base = current.targets().contains(m.to()) ? current : located.route();
        live.moveTo(base.preferring(m.to()), m.reason());
    }

    /**
     * Notes where the provider at {@code target} sees us from over {@code path}; with
     * {@code act}, a change on the active path re-REGISTERs the trunks registered with that
     * target at once, so that the provider's binding follows the new mapping and inbound calls
     * arrive again, and re-INVITEs their answered calls, so that the provider's dialogs follow
     * it too (its BYE would otherwise go to the mapping that is gone).
     */
    private void noteVia(WanPath path, Target target, Via via, boolean act) {
        Optional<String> seen = NatMappings.publicAddress(via);
        if (seen.isEmpty()) {
            return;
        }
        NatMappings.Step step = nat.observe(path.name(), target, seen.get());
        nat = step.mappings();
        if (step.change().isEmpty() || !act || !isActive(path)) {
            return;
        }
        String why = step.change().get().describe();
        LOG.warn("{} (target {})", why, describe(target));
        CallHandler handler = calls;
        for (ProviderTrunk trunk : trunks) {
            if (trunk.route().map(TrunkRoute::target).filter(target::equals).isPresent()) {
                trunk.reregisterNow(why);
                if (handler != null) {
                    handler.refreshTrunkCalls(trunk.name(), why);
                }
            }
        }
    }

    /**
     * A trunk's own answers, on the path the target is sent from. A REGISTER's 2xx only sets the
     * baseline: the binding it made already points at the address it shows. A keepalive
     * OPTIONS answer is judged like a probe's.
     */
    private void noteTrunkVia(String method, Target target, Via via) {
        Optional<WanPath> path = config.paths().stream()
                .filter(p -> target.source().filter(p.bind()::equals).isPresent()).findFirst()
                .or(() -> active);
        boolean act = !method.equals("REGISTER");
        path.ifPresent(p -> onThread(() -> noteVia(p, target, via, act)));
    }

    private boolean isActive(WanPath path) {
        return active.filter(a -> a.name().equals(path.name())).isPresent();
    }

    private Optional<ProviderTrunk> live(String name) {
        return trunks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private SipRequest options(Trunk trunk, TrunkRoute route) {
        SipUri provider = SipUri.of(null, trunk.provider().host(), trunk.provider().port().orElse(-1));
        SipUri from = SipUri.of(user(trunk), trunk.provider().host(), -1);
        return SipRequest.builder("OPTIONS", provider)
                .from(NameAddress.of(from).withTag(stack.tokens().tag()))
                .to(NameAddress.of(provider))
                .callId(stack.tokens().callId(route.contact().host()))
                .cseq(new CSeq(1, "OPTIONS"))
                .header("User-Agent", "Lifeline")
                .build();
    }

    private PathListener listener() {
        return (from, to, reason) -> {
            boolean first = !announced;
            announced = true;
            active = to;
            Instant since = clock.instant();
            if (to.isEmpty()) {
                LOG.warn("every WAN path is down: survival mode ({})", reason);
                return;
            }
            for (ProviderTrunk trunk : trunks) {
                if (first && trunk.route().isPresent()) {
                    continue;   // the start-up announcement: the trunk began on this path already
                }
                Trunk configured = config.trunks().stream().filter(t -> t.name().equals(trunk.name())).findFirst()
                        .orElseThrow();
                if (from.isPresent()) {
                    // A failover: locate the provider on the new path from what its cache has, even
                    // expired, rather than after its resolvers' timeouts (they may be as dead as the path was).
                    resolvers.get(to.get().name()).expedite(EXPEDITE_AT_FAILOVER);
                }
                route(configured, to.get()).whenComplete((route, failure) -> {
                    if (failure != null) {
                        String why = "cannot locate " + configured.provider() + " via " + to.get().name() + ": "
                                + rootMessage(failure);
                        trunk.unlocated(why);
                        trunk.reregisterNow(why);
                        return;
                    }
                    trunk.moveTo(route, "path " + to.get().name() + ": " + reason);
                    events.accept(new Event.TrunkMoved(clock.instant(), trunk.name(), to.get().name(),
                            describe(route.target()), route.contact().toString()));
                    CallHandler handler = calls;
                    if (handler != null && from.isPresent()) {
                        handler.moveTrunkCalls(trunk.name(), route.target(), to.get().bind(), since);
                    }
                });
            }
        };
    }

    private boolean hasListenPoint(Transport transport, InetAddress address) {
        return stack.listenPoints().stream()
                .anyMatch(p -> p.transport() == transport && p.address().getAddress().equals(address));
    }

    static Transport transport(Trunk trunk) {
        return switch (trunk.transport()) {
            case UDP -> Transport.UDP;
            case TCP -> Transport.TCP;
            case TLS -> Transport.TLS;
        };
    }

    private static String user(Trunk trunk) {
        return trunk.username().orElse("lifeline");
    }

    static String describe(Target target) {
        return TrunkRoute.describe(target);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = rootCause(e);
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        PathManager m = manager;
        if (m != null) {
            m.close();
        }
        if (stun != null) {
            stun.close();
        }
        thread.shutdownNow();
    }
}
