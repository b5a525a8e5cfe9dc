package dev.lifeline.gateway;

import dev.lifeline.gateway.change.ChangeControl;
import dev.lifeline.gateway.change.HealthGates;
import dev.lifeline.gateway.change.SqliteConfigVersions;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.Extension;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.admission.GatewayAdmission;
import dev.lifeline.gateway.admission.RequestClasses;
import dev.lifeline.gateway.edge.BanList;
import dev.lifeline.gateway.edge.BanRule;
import dev.lifeline.gateway.edge.Edge;
import dev.lifeline.gateway.edge.NatKeepalive;
import dev.lifeline.gateway.edge.ProxyAuthentication;
import dev.lifeline.gateway.edge.RegisteredAddresses;
import dev.lifeline.gateway.events.Event.GatewayStarted;
import dev.lifeline.gateway.events.Event.GatewayStopping;
import dev.lifeline.gateway.events.SqliteEventLog;
import dev.lifeline.gateway.metrics.GatewayMetrics;
import dev.lifeline.gateway.registrar.RegisterHandler;
import dev.lifeline.gateway.registrar.Registrar;
import dev.lifeline.gateway.registrar.RegistrarSettings;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.gateway.storage.StorageException;
import dev.lifeline.gateway.tls.CertificateWatch;
import dev.lifeline.gateway.trunk.TrunkTlsProfiles;
import dev.lifeline.gateway.tls.OwnCertificate;
import dev.lifeline.gateway.tls.ProviderCertificateCheck;
import dev.lifeline.gateway.web.AdminServer;
import dev.lifeline.gateway.fault.FaultInjector;
import dev.lifeline.sip.auth.CredentialLookup;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.stack.RequestHandler;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.Dscp;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import dev.lifeline.sip.transport.TransportException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway assembled from a {@link SiteConfig}: the SQLite store in the storage
 * directory (event log, location store), the registrar, the SIP stack on the listen points,
 * the {@link Edge} in front of trunks and the call handler, NAT keepalives to phones, and the
 * admin API. {@link #start} brings them up in dependency order and {@link #close} takes them
 * down in reverse, so that no part is used after the one it needs is gone.
 *
 * <p>Two secrets live in the storage directory, each generated once (mode 0600): the nonce key
 * (so nonces issued before a restart still verify and phones are not refused for them) and,
 * when the configuration names no token, the admin token.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    public static final String ADMIN_TOKEN_FILE = "admin.token";
    public static final String NONCE_KEY_FILE = "nonce.key";
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(30);
    /** How often TLS certificate, key and trust files are checked for changes (a stat per file, no read). */
    static final Duration TLS_FILE_POLL = Duration.ofSeconds(5);

    /** The configuration in force: the one started with, or the last one change control put in force. */
    private volatile SiteConfig config;
    /** Extensions by number, as the registrar and the edge check credentials; swapped whole on a change. */
    private volatile Map<String, Extension> extensions = Map.of();
    private ChangeControl changes;
    private final InstantSource clock;
    private final Instant startedAt;
    /** What to close, most recently started first. */
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private SqliteDatabase database;

    private SqliteEventLog events;
    private LocationStore locations;
    private BanList bans;
    private SipStack stack;
    private LivePaths paths;
    private CertificateWatch certificates;
    private Optional<TrunkTlsProfiles> trunkTls = Optional.empty();
    private Trunks trunks;
    private CallHandler calls;
    private Edge edge;
    private GatewayAdmission admission;
    private NatKeepalive keepalive;
    private AdminServer admin;
    private FaultInjector faults;
    private GatewayMetrics metrics;
    private Path adminTokenFile;
    private boolean closed;

    private Gateway(SiteConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Starts with no trunks and calls answered 480 (until the B2BUA is plugged in). */
    public static Gateway start(SiteConfig config) throws GatewayStartException {
        return start(config, GatewayPlugins.DEFAULT);
    }

    public static Gateway start(SiteConfig config, GatewayPlugins plugins) throws GatewayStartException {
        Gateway gateway = new Gateway(config, plugins.clock());
        try {
            gateway.startParts(plugins);
            return gateway;
        } catch (GatewayStartException | RuntimeException e) {
            gateway.closeParts();
            throw e;
        }
    }

    private void startParts(GatewayPlugins plugins) throws GatewayStartException {
        Optional<String> unpinnable = dev.lifeline.gateway.path.PathDevices.problem(config.paths());
        if (unpinnable.isPresent()) {
            throw new GatewayStartException(unpinnable.get(), null);
        }
        openStorage(plugins.locations());
        startMetrics();
        RandomGenerator random = secureRandom();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("gateway-timers"));
        parts.push(scheduler::shutdownNow);
        ExecutorService registrarCallbacks = Executors.newSingleThreadExecutor(daemon("registrar-callbacks"));
        parts.push(registrarCallbacks::shutdownNow);

        HmacNonceAuthenticator authenticator = new HmacNonceAuthenticator(
                DigestSettings.of(config.registrar().realm(), nonceKey())
                        .withAlgorithms(config.registrar().digestAlgorithms())
                        .withNoQopAllowed(config.security().allowDigestWithoutQop()), clock, random);
        extensions = byNumber(config);
        CredentialLookup users = user -> Optional.ofNullable(extensions.get(user)).map(Extension::credential);
        bans = new BanList(new BanRule(config.security()), events, clock, new RegisteredAddresses(locations, clock));
        RegisterHandler registrar = new RegisterHandler(new Registrar(registrarSettings(), random), authenticator,
                users, locations, events, clock, random, registrarCallbacks, bans::failed);

        DeferredHandler front = new DeferredHandler();
        admission = new GatewayAdmission(config.signalling().admission(),
                new RequestClasses(config.dialPlan().emergency()), clock, random.nextLong());
        stack = startStack(front, admission);
        parts.push(stack);
        trunkTls = stack.tls().map(material -> TrunkTlsProfiles.install(material, config.trunks()));
        paths = LivePaths.create(config, stack, events, clock, trunkTls);
        parts.push(paths);
        GatewayContext context = new GatewayContext(config, stack, locations, events, clock, scheduler, database, paths);
        trunks = plugins.trunks().apply(context);
        parts.push(trunks);
        calls = plugins.calls().create(context, trunks);
        parts.push(calls);
        admission.trustProviders(trunks.screen());
        startFaultInjection(scheduler);
        edge = new Edge(new Edge.Parts(trunks.screen(), bans, new ProxyAuthentication(authenticator, users),
                registrar, calls, events, clock));
        front.ready(edge);

        keepalive = new NatKeepalive(stack, locations, config.registrar().natKeepalive(),
                config.registrar().keepaliveMethod(), scheduler, clock);
        keepalive.start();
        parts.push(keepalive);
        events.schedule(scheduler);
        long purge = PURGE_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeExpired, purge, purge, TimeUnit.MILLISECONDS);

        changes = new ChangeControl(new ChangeTarget(), new SqliteConfigVersions(database), events, clock, scheduler);
        events.subscribe(changes::onEvent);
        parts.push(changes);
        startAdmin();
        parts.push(admin);
        trunks.start();
        if (paths.enabled()) {
            paths.start(trunks.live(), calls);
        }
        startCertificateWatch(scheduler, plugins.certificateRecheck());
        events.accept(new GatewayStarted(clock.instant(), config.site().name(), listenSummary(),
                admin.baseUri().toString()));
    }

    /**
     * Checks, at start, hourly and (by default) as soon as an outbound TLS handshake fails, the
     * gateway's own TLS certificates and each TLS trunk's provider chain over each path (or from
     * any address without paths): CertificateChecked events warn 30 days before expiry and turn
     * critical at 7. The TLS files (the listener's,
     * each trunk's trust bundle and client certificate) are polled every
     * {@link #TLS_FILE_POLL} on {@code timers}: renewed files serve new handshakes at once,
     * connections and calls already up keep theirs; files that do not load are reported
     * (an invalid CertificateChecked naming the file) and the previous material stays.
     */
    private void startCertificateWatch(ScheduledExecutorService timers,
                                       GatewayPlugins.CertificateRecheck certificateRecheck) {
        List<OwnCertificate> own = config.listen().stream().filter(l -> l.tls().isPresent())
                .map(l -> new OwnCertificate("listener tls " + l.address(), l.tls().get())).toList();
        List<dev.lifeline.gateway.config.Trunk> tlsTrunks = config.trunks().stream()
                .filter(t -> t.transport() == dev.lifeline.gateway.config.Transport.TLS).toList();
        if (own.isEmpty() && tlsTrunks.isEmpty()) {
            return;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(daemon("certificate-watch"));
        parts.push(thread::shutdownNow);
        certificates = new CertificateWatch(() -> providerTargets(tlsTrunks), own, new ProviderCertificateCheck(),
                events::accept, thread, clock, Duration.ofHours(1));
        Optional<dev.lifeline.sip.transport.TlsMaterial> material = stack.tls();
        if (material.isPresent()) {
            material.get().onReload(certificates::onTlsReload);
            if (certificateRecheck == GatewayPlugins.CertificateRecheck.ON_HANDSHAKE_FAILURE) {
                material.get().onHandshakeFailure(certificates::onHandshakeFailure);
            }
            material.get().watch(timers, TLS_FILE_POLL);
            parts.push(material.get()::stopWatching);
        }
        trunkTls.ifPresent(profiles -> {
            profiles.failures().forEach(certificates::onTlsReload);
            profiles.reportTo(certificates::onTlsReload);
            long poll = TLS_FILE_POLL.toMillis();
            var retries = timers.scheduleWithFixedDelay(() -> {
                try {
                    profiles.retryFailed();
                } catch (RuntimeException e) {
                    log.warn("retrying the TLS trunk profiles failed: {}", e.toString());
                }
            }, poll, poll, TimeUnit.MILLISECONDS);
            parts.push(() -> retries.cancel(false));
        });
        certificates.start();
        parts.push(certificates);
    }

    private List<dev.lifeline.gateway.tls.ProviderTarget> providerTargets(List<dev.lifeline.gateway.config.Trunk> tls) {
        List<dev.lifeline.gateway.tls.ProviderTarget> targets = new java.util.ArrayList<>();
        for (var trunk : tls) {
            if (paths.enabled()) {
                for (var path : config.paths()) {
                    try {
                        var route = paths.route(trunk, path).toCompletableFuture().get(5, TimeUnit.SECONDS);
                        route.targets().forEach(t -> targets.add(new dev.lifeline.gateway.tls.ProviderTarget(
                                trunk.name(), path.name(), t.remote(), path.bind(), trunk.trustBundle(),
                                trunk.clientCertificate(), TrunkTlsProfiles.sipDomain(trunk),
                                trunk.trust().flatMap(dev.lifeline.gateway.config.TrunkTrust::pin))));
                    } catch (Exception e) {
                        log.warn("certificate check: cannot locate {} via {}: {}", trunk.provider(), path.name(),
                                e.toString());
                    }
                }
            } else {
                trunks.live().stream().filter(l -> l.name().equals(trunk.name())).flatMap(l -> l.route().stream())
                        .flatMap(r -> r.targets().stream())
                        .forEach(t -> targets.add(new dev.lifeline.gateway.tls.ProviderTarget(trunk.name(), "default",
                                t.remote(), new InetSocketAddress(0).getAddress(), trunk.trustBundle(),
                                trunk.clientCertificate(), TrunkTlsProfiles.sipDomain(trunk),
                                trunk.trust().flatMap(dev.lifeline.gateway.config.TrunkTrust::pin))));
            }
        }
        return targets;
    }

    /** Metrics read the event stream from here on, and the live parts when scraped (after the admin API is up). */
    private void startMetrics() {
        metrics = new GatewayMetrics(new GatewayLiveState(this), clock, config.site().name(),
                config.paths().stream().map(dev.lifeline.gateway.config.WanPath::name).toList(),
                config.trunks().stream().map(dev.lifeline.gateway.config.Trunk::name).toList(),
                new dev.lifeline.media.relay.PortRange(config.media().rtpPortMin(), config.media().rtpPortMax()).pairs());
        events.subscribe(metrics);
    }

    private void openStorage(GatewayPlugins.LocationStoreFactory locationStore) throws GatewayStartException {
        try {
            database = SqliteDatabase.open(config.storage());
        } catch (StorageException e) {
            throw new GatewayStartException("cannot open the storage in " + config.storage() + ": " + e.getMessage()
                    + " (check the storage: setting and the directory's permissions)", e);
        }
        parts.push(database);
        events = new SqliteEventLog(database, config.events(), clock);
        parts.push(() -> events.flush().get(5, TimeUnit.SECONDS));
        locations = locationStore.open(database, events, clock.instant());
    }

    private byte[] nonceKey() throws GatewayStartException {
        Path file = config.storage().resolve(NONCE_KEY_FILE);
        try {
            return HexFormat.of().parseHex(SecretFiles.readOrCreate(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new GatewayStartException("cannot read or create the nonce key " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Extension> byNumber(SiteConfig config) {
        return config.extensions().stream().collect(Collectors.toUnmodifiableMap(Extension::number, Function.identity()));
    }

    private RegistrarSettings registrarSettings() {
        var r = config.registrar();
        return new RegistrarSettings(r.minExpires(), r.maxExpires(), r.defaultExpires(), r.expiryBandLow(),
                r.expiryBandHigh(), r.natKeepalive(), r.maxContacts());
    }

    private SipStack startStack(RequestHandler handler, GatewayAdmission admission) throws GatewayStartException {
        List<ListenPoint> lan = config.listen().stream().map(Gateway::listenPoint).toList();
        List<ListenPoint> points = new java.util.ArrayList<>(lan);
        points.addAll(pathListenPoints(lan));
        // The TLS material goes in before the listen points: a TLS point without it is refused.
        Optional<TlsConfig> tls = config.listen().stream().flatMap(l -> l.tls().stream()).findFirst()
                .map(f -> new TlsConfig(f.certificate(), f.privateKey(), Optional.empty(), TlsConfig.ClientAuth.NONE, true));
        TransportConfig transport = TransportConfig.of(List.of()).withDscp(new Dscp(config.signalling().dscp()))
                .withConnectionLimits(config.signalling().tcp());
        if (tls.isPresent()) {
            transport = transport.withTls(tls.get());
        }
        transport = transport.withListenPoints(points);
        // A path's interface: pins its listen points and the connections made from its address.
        transport = transport.withDevices(dev.lifeline.gateway.path.PathDevices.byAddress(config.paths()));
        StackConfig stackConfig = new StackConfig(transport, config.signalling().timers(), dev.lifeline.sip.transaction.TransactionLimits.DEFAULT,
                Optional.empty());
        if (points.stream().anyMatch(p -> p.address().getAddress().isAnyLocalAddress())) {
            stackConfig = stackConfig.withAdvertisedHost(advertisedHost());
        }
        try {
            return SipStack.start(stackConfig, handler, bans, admission);
        } catch (TransportException e) {
            throw new GatewayStartException(e.getMessage() + inUseHint(e, "SIP port",
                    "stop the other SIP server (or gateway), or change listen: in the configuration"), e);
        }
    }

    /**
     * One listen point per WAN path for each transport the trunks use, on the port the LAN listener of that transport has
     * (5060 when there is none), so that the provider reaches the Contact we register over the
     * path, and our requests over the path leave from its address.
     */
    private List<ListenPoint> pathListenPoints(List<ListenPoint> lan) {
        java.util.Set<Transport> used = new java.util.LinkedHashSet<>();
        for (var trunk : config.trunks()) {
            switch (trunk.transport()) {
                case UDP -> used.add(Transport.UDP);
                case TCP -> used.add(Transport.TCP);
                // A TLS listen point needs the gateway's certificate: without a TLS listener there
                // is none, and TLS trunks then connect out without a path's source (see LivePaths).
                case TLS -> {
                    if (lan.stream().anyMatch(p -> p.transport() == Transport.TLS)) {
                        used.add(Transport.TLS);
                    }
                }
            }
        }
        List<ListenPoint> points = new java.util.ArrayList<>();
        for (var path : config.paths()) {
            for (Transport t : used) {
                int port = lan.stream().filter(p -> p.transport() == t).mapToInt(p -> p.address().getPort())
                        .findFirst().orElse(t.defaultPort());
                InetSocketAddress address = new InetSocketAddress(path.bind(), port);
                if (lan.stream().noneMatch(p -> p.transport() == t && p.address().equals(address))) {
                    points.add(new ListenPoint(t, address));
                }
            }
        }
        return points;
    }

    private static ListenPoint listenPoint(Listener l) {
        Transport t = switch (l.transport()) {
            case UDP -> Transport.UDP;
            case TCP -> Transport.TCP;
            case TLS -> Transport.TLS;
        };
        // The loader accepts only IP literals for listen addresses, so this never resolves a name.
        return new ListenPoint(t, new InetSocketAddress(l.address().host(), l.address().port().orElse(5060)));
    }

    private static String advertisedHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /**
     * The drill fault injector; its gates go into the sockets only when {@code admin.faultInjection}
     * is on, so a gateway without it pays nothing per packet. Closing it (before the timers stop)
     * ends what is still active.
     */
    private void startFaultInjection(ScheduledExecutorService scheduler) {
        CallHandler callHandler = calls;
        faults = new FaultInjector(config.paths(),
                id -> callHandler.activeCalls().stream().anyMatch(c -> c.id().equals(id)), events, clock,
                new java.security.SecureRandom(), scheduler);
        parts.push(faults);
        if (config.admin().faultInjection()) {
            stack.gate(faults);
            paths.gate(faults);
            callHandler.gateMedia(faults);
        }
    }

    /** The fault injector when {@code admin.faultInjection} allows it. */
    public java.util.Optional<FaultInjector> faults() {
        return config.admin().faultInjection() ? java.util.Optional.of(faults) : java.util.Optional.empty();
    }

    private void startAdmin() throws GatewayStartException {
        AdminSettings settings = config.admin();
        InetSocketAddress address = new InetSocketAddress(settings.listen().host(), settings.listen().port().orElse(8089));
        String token = adminToken(settings);
        try {
            admin = AdminServer.start(address, settings.allowRemote(), token, new GatewayAdminView(this), clock,
                    settings.metricsPublic());
        } catch (IOException e) {
            throw new GatewayStartException("cannot serve the admin API on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + ": " + e.getMessage() + inUseHint(e, "admin port",
                    "stop whatever holds it (another gateway?), or change admin.listen in the configuration"), e);
        }
    }

    private String adminToken(AdminSettings settings) throws GatewayStartException {
        if (settings.token().isPresent()) {
            return settings.token().get().value();
        }
        adminTokenFile = settings.tokenFile().orElse(config.storage().resolve(ADMIN_TOKEN_FILE));
        String token;
        try {
            token = SecretFiles.readOrCreate(adminTokenFile);
        } catch (IOException e) {
            throw new GatewayStartException("cannot read or create the admin token file " + adminTokenFile + ": "
                    + e.getMessage(), e);
        }
        if (token.length() < AdminSettings.MIN_TOKEN_LENGTH) {
            throw new GatewayStartException("the admin token in " + adminTokenFile + " is " + token.length()
                    + " characters long; expected at least " + AdminSettings.MIN_TOKEN_LENGTH
                    + " (e.g. `openssl rand -hex 32`), or delete the file to have one generated", null);
        }
        return token;
    }

    private static String inUseHint(Exception e, String what, String advice) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("in use")) {
                return " — the " + what + " is in use: " + advice;
            }
        }
        return "";
    }

    private void purgeExpired() {
        try {
            locations.purgeExpired(clock.instant());
        } catch (RuntimeException e) {
            log.warn("purging expired bindings failed: {}", e.toString());
        }
    }

    private String listenSummary() {
        return stack.listenPoints().stream().map(Gateway::describe).collect(Collectors.joining(", "));
    }

    static String describe(ListenPoint p) {
        String ip = p.address().getAddress().getHostAddress();
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return p.transport().name().toLowerCase() + " " + host + ":" + p.address().getPort();
    }

    // ---- what status and tests read -------------------------------------------------------

    public SiteConfig config() {
        return config;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public InstantSource clock() {
        return clock;
    }

    /** The bound SIP listen points (real ports when 0 was configured). */
    public List<ListenPoint> listenPoints() {
        return stack.listenPoints();
    }

    public SipStack stack() {
        return stack;
    }

    public URI adminUri() {
        return admin.baseUri();
    }

    /** The admin token file in use; empty when the token is written in the configuration. */
    public Optional<Path> adminTokenFile() {
        return Optional.ofNullable(adminTokenFile);
    }

    public SqliteEventLog events() {
        return events;
    }

    public LocationStore locations() {
        return locations;
    }

    /** What admission control admitted, refused and dropped, per class. */
    public GatewayAdmission admission() {
        return admission;
    }

    public BanList bans() {
        return bans;
    }

    public Edge edge() {
        return edge;
    }

    public Trunks trunks() {
        return trunks;
    }

    public LivePaths paths() {
        return paths;
    }

    /** The latest certificate checks; empty when the site uses no TLS. */
    public List<dev.lifeline.gateway.tls.CertificateStatus> certificates() {
        return certificates == null ? List.of() : certificates.snapshot();
    }

    /**
     * Runs a certificate check round now, on the calling thread, as the hourly one does: the
     * gateway's own certificates and each TLS trunk's provider chain on each path, one
     * {@code CertificateChecked} event each. For an operator's "check now" and for drills that
     * change a provider's certificate. Blocks up to a handshake timeout per target; empty when the
     * site uses no TLS.
     */
    public List<dev.lifeline.gateway.tls.CertificateStatus> checkCertificatesNow() {
        CertificateWatch watch = certificates;
        return watch == null ? List.of() : watch.checkNow();
    }

    /** The Prometheus metrics the admin API serves at {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Change control: apply, confirm, roll back and list configuration versions. */
    public ChangeControl changes() {
        return changes;
    }

    public CallHandler calls() {
        return calls;
    }

    public NatKeepalive keepalive() {
        return keepalive;
    }

    /** Stops in reverse order of starting; the last events are committed before the store closes. */
    @Override
    public synchronized void close() {
        close("closed");
    }

    /** As {@link #close()}, recording why (e.g. "SIGTERM") in the {@code GatewayStopping} event. */
    public synchronized void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        events.accept(new GatewayStopping(clock.instant(), reason));
        closeParts();
        log.info("gateway stopped ({})", reason);
    }

    private void closeParts() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", part, e.toString());
            }
        }
    }

    /**
     * What change control changes: the sections {@link ChangeControl} may hot-apply are read on
     * each request from here (credentials, the router's dial plan, groups and DIDs, which numbers
     * admission treats as emergency), so calls and bindings already up are not touched.
     */
    private final class ChangeTarget implements ChangeControl.Target {

        @Override
        public SiteConfig current() {
            return config;
        }

        @Override
        public void use(SiteConfig next) {
            config = next;
            extensions = byNumber(next);
            admission.reclassify(new RequestClasses(next.dialPlan().emergency()));
            admission.readmit(next.signalling().admission());
            events.retain(next.events());
            paths.retune(next.failover());
            calls.reconfigure(next);
            log.info("configuration in force changed (site {})", next.site().name());
        }

        @Override
        public HealthGates.Snapshot snapshot() {
            java.util.Set<String> healthy = java.util.Set.of("registered", "registering", "available");
            return new HealthGates.Snapshot(
                    trunks.summaries().stream().filter(t -> healthy.contains(t.state()))
                            .map(dev.lifeline.gateway.routing.TrunkSummary::name).collect(Collectors.toSet()),
                    paths.enabled() ? paths.snapshot().stream().filter(p -> p.state().equals("up"))
                            .map(dev.lifeline.gateway.path.PathStatus::name).collect(Collectors.toSet())
                            : java.util.Set.of(),
                    locations.all(clock.instant()).stream().map(dev.lifeline.gateway.registrar.location.Binding::aor)
                            .collect(Collectors.toSet()));
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The stack's handler until the edge exists: requests that arrive that early are asked to retry. */
    private static final class DeferredHandler implements RequestHandler {

        private volatile RequestHandler target;

        void ready(RequestHandler handler) {
            target = handler;
        }

        @Override
        public void onRequest(ServerRequest request) {
            RequestHandler t = target;
            if (t != null) {
                t.onRequest(request);
            } else if (!request.method().equals("ACK")) {
                request.respond(request.response(503, "Service Unavailable").header("Retry-After", "5").build());
            }
        }
    }

    /**
     * The JDK's DRBG (NIST SP 800-90A), seeded by the system: nonces, tags and Retry-After draws
     * without a read of /dev/urandom under a global lock for each (the platform default on Linux).
     */
    private static RandomGenerator secureRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
