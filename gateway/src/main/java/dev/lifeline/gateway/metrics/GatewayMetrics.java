package dev.lifeline.gateway.metrics;

import dev.lifeline.gateway.admission.GatewayAdmission;
import dev.lifeline.gateway.admission.Priority;
import dev.lifeline.gateway.calls.LegBlame;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.TrunkSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's metrics in a Prometheus registry: gauges and function counters read the
 * {@link LiveState} when scraped; counters and histograms count the events {@link #accept}
 * receives from the event stream. Path and trunk labels come from the configuration, so an
 * event naming anything else is counted under "other" rather than growing a series per name.
 * Thread-safe: events arrive from any thread, scrapes from the admin server's.
 */
public final class GatewayMetrics implements EventSink {

    /** Text exposition format 0.0.4, what every Prometheus scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Calls whose start is remembered until they end (for setup time); beyond, setup time is not measured. */
    static final int MAX_PENDING_CALLS = 100_000;
    /** Certificates whose expiry is shown; a site has a handful. */
    static final int MAX_CERTIFICATES = 256;
    static final double[] MOS_BUCKETS = {1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 3.8, 4.0, 4.2, 4.4};
    static final double[] LEG_LOSS_BUCKETS = {0.1, 0.5, 1, 2, 3, 5, 10, 20, 50};
    static final double[] LEG_JITTER_BUCKETS = {0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2};
    static final Duration[] SETUP_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    static final Duration[] MOVE_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(3),
            Duration.ofSeconds(10)};

    private static final String REGISTRATIONS = "REGISTER outcomes: new binding, refresh, rejected";
    private static final String BINDINGS_REMOVED = "Bindings gone: unregistered by the phone, or expired without a refresh";
    private static final String AUTH_FAILURES = "Requests other than REGISTER that failed digest authentication";
    private static final String BANS = "Source addresses banned";
    private static final String DNS_STALE = "DNS answers served stale (RFC 8767) because the path's resolvers failed";
    private static final String DNS_FAILURES = "DNS lookups on the path that failed with nothing to serve stale";
    private static final String SUSPICIONS = "Times a path became suspect and was confirmed with a probe burst";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * MOS needs fractional buckets, which Micrometer's distribution summary rounds values up to
     * whole numbers for (micrometer#2422), so this one histogram is the Prometheus client's own,
     * in the same registry and exposition.
     */
    private final io.prometheus.metrics.core.metrics.Histogram mosHistogram;
    /** Per call leg (lan / wan) at the call's end: loss, jitter and MOS-CQE of the stream arriving on it. */
    private final io.prometheus.metrics.core.metrics.Histogram legLoss;
    private final io.prometheus.metrics.core.metrics.Histogram legJitter;
    private final io.prometheus.metrics.core.metrics.Histogram legMos;
    /** Active calls' latest report per direction, from their CallQuality events: callId → direction → leg. */
    private final Map<String, Map<String, LegLoss>> liveLegLoss = new ConcurrentHashMap<>();

    private record LegLoss(String side, double lossPercent) {
    }
    private final LiveState live;
    private final InstantSource clock;
    private final Set<String> pathNames;
    private final Set<String> trunkNames;
    private final int relayPairCapacity;
    private final Map<String, Instant> callStarts = new ConcurrentHashMap<>();
    private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();
    private final Set<InetAddress> relayAddresses = ConcurrentHashMap.newKeySet();

    private record Certificate(Optional<Instant> notAfter, String severity) {
    }

    /**
     * @param paths             the configured WAN path names (one series each, from the start)
     * @param trunks            the configured trunk names
     * @param relayPairCapacity port pairs the RTP range holds per local address
     */
    public GatewayMetrics(LiveState live, InstantSource clock, String site, List<String> paths, List<String> trunks,
                          int relayPairCapacity) {
        this.live = live;
        this.clock = clock;
        this.pathNames = Set.copyOf(paths);
        this.trunkNames = Set.copyOf(trunks);
        this.relayPairCapacity = relayPairCapacity;
        Instant started = clock.instant();
        mosHistogram = io.prometheus.metrics.core.metrics.Histogram.builder().name("lifeline_call_mos_cqe")
                .help("E-model MOS-CQE of each call's audio per direction at its end (from_caller: what the callee"
                        + " heard, as the gateway's relay received it)")
                .labelNames("route", "trunk", "direction").withoutExemplars().classicOnly().classicUpperBounds(MOS_BUCKETS)
                .register(registry.getPrometheusRegistry());
        legLoss = legHistogram("lifeline_call_leg_loss_percent", "Packets lost on each call leg at the call's end,"
                + " percent of expected: leg lan = phone to gateway, wan = provider to gateway, as the gateway's relay"
                + " received them", LEG_LOSS_BUCKETS);
        legJitter = legHistogram("lifeline_call_leg_jitter_seconds", "RFC 3550 interarrival jitter of each call leg's"
                + " incoming stream at the call's end, as the gateway's relay measured it", LEG_JITTER_BUCKETS);
        legMos = legHistogram("lifeline_call_leg_mos_cqe", "E-model MOS-CQE of each call leg's incoming stream at the"
                + " call's end, as the gateway's relay received it", MOS_BUCKETS);
        for (String side : List.of("lan", "wan")) {
            gauge("lifeline.calls.leg.losing", "Active calls whose leg on this side lost at least "
                    + LegBlame.LOSING_PERCENT + " % of its packets in its latest 5 s report", Tags.of("leg", side),
                    () -> liveLegLoss.values().stream().filter(m -> m.values().stream().anyMatch(l -> l.side().equals(side)
                            && l.lossPercent() >= LegBlame.LOSING_PERCENT)).count());
        }
        gauge("lifeline.up", "1 while the gateway answers scrapes", Tags.empty(), () -> 1);
        gauge("lifeline.info", "Always 1; the site name as a label", Tags.of("site", site), () -> 1);
        gauge("lifeline.start.time.seconds", "When the gateway started, seconds since the epoch", Tags.empty(),
                () -> started.toEpochMilli() / 1000.0);
        paths.forEach(this::pathGauges);
        gauge("lifeline.survival.mode", "1 while every WAN path is down (internal calls only), else 0", Tags.empty(),
                () -> live.survival() ? 1 : 0);
        trunks.forEach(t -> gauge("lifeline.trunk.state",
                "Trunk registration: 0 unregistered, 1 registered (probe-only: answering), 2 rejected/failing",
                Tags.of("trunk", t), () -> trunk(t).map(s -> MetricLabels.trunkState(s.state())).orElse(Double.NaN)));
        gauge("lifeline.registrar.bindings", "Phone contact bindings not expired now", Tags.empty(),
                () -> live.bindings().size());
        gauge("lifeline.registrar.aors", "Extensions with at least one binding now", Tags.empty(),
                () -> live.bindings().stream().map(Binding::aor).distinct().count());
        gauge("lifeline.calls.active", "Calls up or ringing now", Tags.empty(), live::activeCalls);
        admissionCounters();
        gauge("lifeline.bans.active", "Source addresses banned now", Tags.empty(), live::activeBans);
        functionCounter("lifeline.bans.dropped.requests", "Requests dropped because their source was banned",
                Tags.empty(), l -> l.bannedDropped());
        transactionMeters();
        zeroCounters(paths);
    }

    /**
     * Counters whose labels are known in advance exist from the start at 0, so that a rate over
     * them is 0 rather than absent until the first event (Prometheus' advice for known labels).
     */
    private void zeroCounters(List<String> paths) {
        for (String result : List.of("new", "refresh", "rejected")) {
            counter("lifeline.registrar.registrations", REGISTRATIONS, "result", result);
        }
        for (String reason : List.of("unregistered", "expired")) {
            counter("lifeline.registrar.bindings.removed", BINDINGS_REMOVED, "reason", reason);
        }
        counter("lifeline.auth.failures", AUTH_FAILURES);
        counter("lifeline.bans", BANS);
        for (String path : paths) {
            counter("lifeline.dns.stale.answers", DNS_STALE, "path", path);
            counter("lifeline.dns.failures", DNS_FAILURES, "path", path);
            counter("lifeline.path.suspicions", SUSPICIONS, "path", path);
        }
    }

    // ---- live state ---------------------------------------------------------------------------

    private void pathGauges(String path) {
        Tags tags = Tags.of("path", path);
        gauge("lifeline.path.state", "0 down, 1 up, 2 recovering (healthy, inside its hold-down)", tags,
                () -> path(path).map(p -> MetricLabels.pathState(p.state())).orElse(Double.NaN));
        gauge("lifeline.path.active", "1 when the path carries trunk signalling and provider media now", tags,
                () -> path(path).map(p -> p.active() ? 1.0 : 0.0).orElse(Double.NaN));
        gauge("lifeline.path.loss.ratio", "Quality probe loss over the last window, 0-1; NaN while unknown", tags,
                () -> path(path).map(p -> known(p.lossPercent()) / 100).orElse(Double.NaN));
        gauge("lifeline.path.rtt.seconds", "Mean quality probe round trip over the last window", tags,
                () -> path(path).map(p -> known(p.rttMillis()) / 1000).orElse(Double.NaN));
        gauge("lifeline.path.jitter.seconds", "RFC 3550 interarrival jitter of the probe echoes", tags,
                () -> path(path).map(p -> known(p.jitterMillis()) / 1000).orElse(Double.NaN));
        gauge("lifeline.path.r.factor", "ITU-T G.107 E-model R of the path for a G.711 call", tags,
                () -> path(path).map(PathStatus::r).orElse(Double.NaN));
        functionCounter("lifeline.path.probe.failures", "Regular OPTIONS probes on the path that failed (timeout, error"
                + " answer, not sent); confirmation bursts not counted", tags, l -> l.optionsFailures().getOrDefault(path, 0L));
    }

    /** Status shows −1 for a figure not measured yet; a metric shows NaN, which no alert mistakes for a value. */
    private static double known(double figure) {
        return figure < 0 ? Double.NaN : figure;
    }

    private Optional<PathStatus> path(String name) {
        return live.paths().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private Optional<TrunkSummary> trunk(String name) {
        return live.trunks().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private void admissionCounters() {
        for (Priority p : Priority.values()) {
            List.<Map.Entry<String, ToDoubleFunction<GatewayAdmission.Counts>>>of(
                    Map.entry("admitted", GatewayAdmission.Counts::admitted),
                    Map.entry("refused", GatewayAdmission.Counts::refused),
                    Map.entry("dropped", GatewayAdmission.Counts::dropped)).forEach(e ->
                    functionCounter("lifeline.admission.requests", "New requests by admission class and decision"
                                    + " (refused: answered 503; dropped: no answer)",
                            Tags.of("class", p.label(), "decision", e.getKey()),
                            l -> Optional.ofNullable(l.admission().get(p)).map(c -> e.getValue().applyAsDouble(c))
                                    .orElse(0.0)));
        }
    }

    private void transactionMeters() {
        String open = "SIP transactions open now: server (in progress), client (the gateway's own), retained"
                + " (answered, kept for retransmissions)";
        gauge("lifeline.sip.transactions", open, Tags.of("kind", "server"), () -> live.transactions().serversInProgress());
        gauge("lifeline.sip.transactions", open, Tags.of("kind", "client"), () -> live.transactions().clients());
        gauge("lifeline.sip.transactions", open, Tags.of("kind", "retained"), () -> live.transactions().retained());
        gauge("lifeline.sip.transactions.retained.bytes", "Estimated memory the retained transactions hold",
                Tags.empty(), () -> live.transactions().retainedBytes());
        String shed = "Requests shed by the transaction layer: refused (503 without a transaction), dropped (no answer)";
        functionCounter("lifeline.sip.requests.shed", shed, Tags.of("decision", "refused"),
                l -> l.transactions().refused());
        functionCounter("lifeline.sip.requests.shed", shed, Tags.of("decision", "dropped"),
                l -> l.transactions().dropped());
        String messages = "SIP messages through the transports";
        functionCounter("lifeline.sip.messages", messages, Tags.of("direction", "received"),
                l -> l.transport().messagesReceived());
        functionCounter("lifeline.sip.messages", messages, Tags.of("direction", "sent"), l -> l.transport().messagesSent());
    }

    /** Relay addresses are known once calls can be placed: gauges for new ones are added before each scrape. */
    private void relayGauges() {
        for (InetAddress a : live.relayPairsInUse().keySet()) {
            if (relayAddresses.add(a)) {
                Tags tags = Tags.of("address", a.getHostAddress());
                gauge("lifeline.media.relay.port.pairs", "RTP/RTCP port pairs the media relay holds on the address now"
                        + " (draining pairs of moved legs included)", tags,
                        () -> live.relayPairsInUse().getOrDefault(a, 0));
                gauge("lifeline.media.relay.port.pairs.capacity", "Port pairs the configured RTP range holds per address",
                        tags, () -> relayPairCapacity);
            }
        }
    }

    // ---- the event stream ---------------------------------------------------------------------

    @Override
    public void accept(Event event) {
        switch (event) {
            case Event.PathStateChanged e -> count("lifeline.path.state.changes", "Path state changes, by new state",
                    "path", pathLabel(e.path()), "state", e.state());
            case Event.PathSuspicion e when e.state().equals("suspect") -> count("lifeline.path.suspicions",
                    SUSPICIONS, "path", pathLabel(e.path()));
            case Event.ActivePathChanged e -> count("lifeline.path.switches",
                    "Changes of the active path, by reason (start, failover cause, failback, recovered, all_down)",
                    "from", e.from().isEmpty() ? "" : pathLabel(e.from()), "to", e.to().isEmpty() ? "" : pathLabel(e.to()),
                    "reason", MetricLabels.switchReason(e.from(), e.to(), e.reason()));
            case Event.TrunkStateChanged e -> count("lifeline.trunk.state.changes", "Trunk status changes, by new status",
                    "trunk", trunkLabel(e.trunk()), "state", e.state());
            case Event.TrunkMoved e -> count("lifeline.trunk.reregistrations",
                    "REGISTERs a trunk sent over a new path (new Contact) because the active path changed", "trunk", trunkLabel(e.trunk()),
                    "path", pathLabel(e.path()));
            case Event.ProviderTargetFailed e -> count("lifeline.trunk.target.failures",
                    "Provider targets that failed a request, after which the next was tried", "trunk",
                    trunkLabel(e.trunk()), "target", e.target(), "method", e.method());
            case Event.BindingSaved e -> count("lifeline.registrar.registrations", REGISTRATIONS,
                    "result", e.refresh() ? "refresh" : "new");
            case Event.RegistrationRejected e -> count("lifeline.registrar.registrations", REGISTRATIONS,
                    "result", "rejected");
            case Event.BindingRemoved e -> count("lifeline.registrar.bindings.removed", BINDINGS_REMOVED,
                    "reason", "unregistered");
            case Event.BindingExpired e -> count("lifeline.registrar.bindings.removed", BINDINGS_REMOVED,
                    "reason", "expired");
            case Event.AuthenticationFailed e -> count("lifeline.auth.failures", AUTH_FAILURES);
            case Event.SourceBanned e -> count("lifeline.bans", BANS);
            case Event.DnsProblem e -> count(e.servedStale() ? "lifeline.dns.stale.answers" : "lifeline.dns.failures",
                    e.servedStale() ? DNS_STALE : DNS_FAILURES, "path", pathLabel(e.path()));
            case Event.CallStarted e -> {
                if (callStarts.size() < MAX_PENDING_CALLS) {
                    callStarts.put(e.callId(), e.at());
                }
            }
            case Event.CallEnded e -> callEnded(e);
            case Event.CallQuality e -> callQuality(e);
            case Event.CallMediaMoved e -> Timer.builder("lifeline.call.media.move")
                    .description("From a path switch to the re-INVITE's answer, per call whose media moved")
                    .tags("path", pathLabel(e.path()), "result", e.status() >= 200 && e.status() < 300 ? "ok" : "failed")
                    .serviceLevelObjectives(MOVE_BUCKETS).register(registry).record(e.took());
            case Event.CertificateChecked e -> certificateChecked(e);
            default -> {
            }
        }
    }

    private void callEnded(Event.CallEnded e) {
        String kind = MetricLabels.routeKind(e.route());
        String trunk = MetricLabels.routeTrunk(e.route());
        trunk = trunk.isEmpty() ? "" : trunkLabel(trunk);
        count("lifeline.calls", "Finished calls by route and outcome", "route", kind, "trunk", trunk, "outcome",
                MetricLabels.outcome(e.status()));
        Instant started = callStarts.remove(e.callId());
        if (started != null && e.answered() != null && !e.answered().isBefore(started)) {
            Timer.builder("lifeline.call.setup").description("From the INVITE to the answer, ringing included,"
                            + " for answered calls").tags("route", kind, "trunk", trunk)
                    .serviceLevelObjectives(SETUP_BUCKETS).register(registry)
                    .record(Duration.between(started, e.answered()));
        }
        liveLegLoss.remove(e.callId());
        if (e.blame() != null) {
            count("lifeline.call.leg.blame", "Finished calls by the leg that was losing packets: lan, wan, both, none"
                    + " (no leg at 1 % or more), unmeasured (too little media)", "verdict", e.blame());
        }
        if (e.fromCallerPackets() > 0) {
            leg(e.callerLeg(), e.fromCallerLossPercent(), e.fromCallerJitterMillis(), e.fromCallerMos());
        }
        if (e.fromCalleePackets() > 0) {
            leg(e.calleeLeg(), e.fromCalleeLossPercent(), e.fromCalleeJitterMillis(), e.fromCalleeMos());
        }
        if (e.fromCallerPackets() > 0) {
            mos(kind, trunk, "from_caller", e.fromCallerMos());
        }
        if (e.fromCalleePackets() > 0) {
            mos(kind, trunk, "from_callee", e.fromCalleeMos());
        }
    }

    private void leg(String side, double lossPercent, double jitterMillis, double mos) {
        if (!"lan".equals(side) && !"wan".equals(side)) {
            return;     // a row from before legs were told apart
        }
        legLoss.labelValues(side).observe(lossPercent);
        legJitter.labelValues(side).observe(jitterMillis / 1000);
        legMos.labelValues(side).observe(mos);
    }

    private void callQuality(Event.CallQuality e) {
        if (e.leg() == null || (!liveLegLoss.containsKey(e.callId()) && liveLegLoss.size() >= MAX_PENDING_CALLS)) {
            return;
        }
        liveLegLoss.computeIfAbsent(e.callId(), id -> new ConcurrentHashMap<>())
                .put(e.direction(), new LegLoss(e.leg(), e.lossPercent()));
    }

    private io.prometheus.metrics.core.metrics.Histogram legHistogram(String name, String help, double[] buckets) {
        return io.prometheus.metrics.core.metrics.Histogram.builder().name(name).help(help).labelNames("leg")
                .withoutExemplars().classicOnly().classicUpperBounds(buckets).register(registry.getPrometheusRegistry());
    }

    private void mos(String route, String trunk, String direction, double mos) {
        mosHistogram.labelValues(route, trunk, direction).observe(mos);
    }

    private void certificateChecked(Event.CertificateChecked e) {
        if (!certificates.containsKey(e.subject()) && certificates.size() >= MAX_CERTIFICATES) {
            return;
        }
        Certificate previous = certificates.put(e.subject(),
                new Certificate(Optional.ofNullable(e.notAfter()), e.severity()));
        if (previous == null) {
            Tags tags = Tags.of("subject", e.subject());
            gauge("lifeline.certificate.expires.in.seconds", "Time until the certificate expires (negative: expired;"
                    + " divide by 86400 for days); NaN when no certificate was seen", tags,
                    () -> certificates.get(e.subject()).notAfter()
                            .map(n -> Duration.between(clock.instant(), n).toMillis() / 1000.0).orElse(Double.NaN));
            gauge("lifeline.certificate.severity", "Latest check: 0 ok, 1 warning (30 days), 2 critical (7 days),"
                    + " 3 invalid", tags, () -> MetricLabels.certificateSeverity(certificates.get(e.subject()).severity()));
        }
    }

    private String pathLabel(String name) {
        return pathNames.contains(name) ? name : "other";
    }

    private String trunkLabel(String name) {
        return trunkNames.contains(name) ? name : "other";
    }

    // ---- exposition ---------------------------------------------------------------------------

    /** The exposition in the Prometheus text format. */
    public String scrape() {
        relayGauges();
        return registry.scrape();
    }

    private void gauge(String name, String help, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).tags(tags).strongReference(true).register(registry);
    }

    private void functionCounter(String name, String help, Tags tags, ToDoubleFunction<LiveState> value) {
        FunctionCounter.builder(name, live, value).description(help).tags(tags).register(registry);
    }

    private void count(String name, String help, String... tags) {
        counter(name, help, tags).increment();
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }
}
