package dev.lifeline.drill.site;

import dev.lifeline.drill.lab.phone.CallResult;
import dev.lifeline.drill.lab.phone.LabPhone;
import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.phone.PhoneRuntime;
import dev.lifeline.drill.lab.phone.PhoneSettings;
import dev.lifeline.drill.lab.phone.Registration;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportEvent;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.config.DrillSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.dns.DnsSettings;
import dev.lifeline.gateway.dns.PathResolver;
import dev.lifeline.gateway.dns.ProviderTarget;
import dev.lifeline.gateway.dns.SipLocator;
import dev.lifeline.media.quality.PlayoutQuality;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the site drill's steps one by one against a running gateway: a path cut with a test call
 * up, controlled loss on a test call, the provider located through each path's own resolvers, and
 * (only when asked, {@link #withRestart}) a restart of the gateway with registration recovery measured.
 * The only calls it touches are its test phone's; the only faults it ends are the ones it started.
 * {@link #restore()} (also from a shutdown hook) ends those faults and hangs up the test calls;
 * whatever it cannot reach the gateway ends by itself at the fault's deadline.
 */
public final class SiteDrill implements AutoCloseable {

    public static final String PATH_CUT = "site-path-cut";
    public static final String MEDIA_LOSS = "site-media-loss";
    public static final String DNS_PER_PATH = "site-dns-per-path";
    public static final String INBOUND = "site-inbound-during-failover";
    public static final String REGISTRATION_RECOVERY = "site-registration-recovery";

    /** From the restart command's start until the test phone's REGISTER is answered 200 OK again (test phone). */
    static final String SERVICE_BACK_S = "service_back_s";
    /** From the restart command's start until the admin API answers as a newly started gateway (drill). */
    static final String ADMIN_BACK_S = "admin_api_back_s";
    /** From the restart command's start until the trunk's TrunkStateChanged "registered" (gateway's word). */
    static final String TRUNK_BACK_GATEWAY_S = "trunk_registered_gateway_s";
    /** From the restart command's start until a test call is answered again (test phone). */
    static final String CALL_BACK_S = "test_call_answered_s";
    static final String BINDINGS_BEFORE = "bindings_before";
    static final String BINDINGS_KEPT = "bindings_kept";
    static final String BINDINGS_LOST = "bindings_lost";
    static final String BINDINGS_REREGISTERED = "bindings_reregistered";
    /** The restart SLO: the site's service is back within this, every figure above. */
    static final double SERVICE_BACK_TARGET_S = 30.0;
    /** The longest the restart command may run, and the longest the step waits for the gateway after it. */
    private static final Duration RESTART_BOUND = Duration.ofSeconds(90);
    /** How often the test phone sends REGISTER while the gateway is away. */
    private static final Duration REREGISTER_EVERY = Duration.ofMillis(250);

    /**
     * 1 when the call that rang the test extension came in from the provider (its caller ID is not
     * the test extension's own number, as it would be had the gateway rung its own DID directly),
     * observed by the test phone.
     */
    static final String INBOUND_VIA_PROVIDER = "inbound_via_provider";

    /** From the cut to the trunk's next "registered" state after it moved (the provider's 200 OK), gateway's word. */
    static final String REGISTERED_GATEWAY_S = "registration_recovery_gateway_s";

    /** Longest wait for a registration, an answer or a hang-up: each step is bounded. */
    private static final Duration STEP_WAIT = Duration.ofSeconds(15);
    /** Audio before a fault, so the test phone has a baseline. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** After a cut's deadline: time for the path to be probed again and the call to carry on. */
    private static final Duration AFTER_CUT = Duration.ofSeconds(3);

    /** Where the running gateway is. */
    public record Target(SiteAdmin admin, InetSocketAddress gatewaySip, String realm) {
    }

    /**
     * Someone outside the site calling its DID. On a live site the test phone dials the DID itself:
     * the call leaves through the trunk on the surviving path and the provider sends it back in,
     * as a caller from outside would arrive ({@link #THROUGH_PROVIDER}).
     */
    @FunctionalInterface
    public interface OutsideCaller {
        void call(String did, LabPhone testPhone, InetSocketAddress gateway, List<PhoneCall> placed);

        /**
         * The test phone calls the DID and asks the gateway (header {@code X-Lifeline-Drill:
         * via-provider}, honoured only for the drill's test extension while fault injection is on)
         * to send it out through the provider instead of ringing its own DID directly; the provider
         * sends it back in over the trunk.
         */
        OutsideCaller THROUGH_PROVIDER = (did, phone, gateway, placed) -> placed.add(phone.call(did, gateway,
                java.util.Map.of(dev.lifeline.gateway.routing.CallRouter.DRILL_HEADER,
                        dev.lifeline.gateway.routing.CallRouter.VIA_PROVIDER)));
    }

    private final SiteConfig site;
    private final DrillSettings drill;
    private final Target target;
    private final String configName;
    private final Consumer<String> progress;
    private final InstantSource clock;
    private final Set<String> ourFaults = ConcurrentHashMap.newKeySet();
    private final List<PhoneCall> ourCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PhoneRuntime runtime;
    private LabPhone phone;
    private volatile boolean restored;
    private OutsideCaller outside = OutsideCaller.THROUGH_PROVIDER;
    private boolean restart;
    /** The inbound step's report, made during the path cut. */
    private ScenarioReport inbound;

    /**
     * @param site       the configuration the gateway runs with (paths, trunks, resolvers)
     * @param configName the file it came from, for the report
     */
    public SiteDrill(SiteConfig site, DrillSettings drill, Target target, String configName, Consumer<String> progress,
                     InstantSource clock) {
        this.site = site;
        this.drill = drill;
        this.target = target;
        this.configName = configName;
        this.progress = progress;
        this.clock = clock;
    }

    /** Who calls the DID in the inbound step (the lab's provider in tests); the test phone by default. */
    public SiteDrill withOutsideCaller(OutsideCaller caller) {
        this.outside = caller;
        return this;
    }

    /**
     * With {@code true}, the last step restarts the gateway with {@code drill.restartCommand} and
     * measures how long until service and registrations are back ({@code --restart}).
     *
     * @throws IllegalArgumentException the drill settings have no restart command
     */
    public SiteDrill withRestart(boolean on) {
        if (on && drill.restartCommand().isEmpty()) {
            throw new IllegalArgumentException("no drill.restartCommand configured");
        }
        this.restart = on;
        return this;
    }

    /** What the drill will do, one line each, for the operator to confirm. */
    public static List<String> plan(SiteConfig site, DrillSettings d, URI admin) {
        return plan(site, d, admin, false);
    }

    /** As above; with {@code restart}, the restart step too (it drops every call in progress at the site). */
    public static List<String> plan(SiteConfig site, DrillSettings d, URI admin, boolean restart) {
        List<String> lines = new ArrayList<>();
        lines.add("against the gateway whose admin API is " + admin + " (site " + site.site().name() + "):");
        lines.add("  register a built-in test phone as extension " + d.testExtension() + " from " + d.phoneAddress());
        lines.add("  1. path cut: call " + d.testNumber() + ", then have the gateway drop all traffic on path "
                + d.cutPath().orElse("(the active one)") + " for " + d.cutFor().toSeconds()
                + " s (SIP and RTP, this gateway's sockets only); measure detection, trunk move and the audio gap");
        d.did().ifPresent(did -> lines.add("     during the cut, the test phone calls the DID " + did + " out through the"
                + " provider, which sends it back in to extension " + d.testExtension() + "; the caller ID as presented"
                + " is recorded"));
        lines.add("  2. controlled loss: call " + d.testNumber() + " again and have the gateway drop " + d.lossPercent()
                + " % of that call's media for " + d.lossFor().toSeconds() + " s; measure the MOS the phone hears");
        lines.add("  3. DNS per path: locate each trunk's provider through each path's own resolvers, from this host");
        if (restart) {
            lines.add("  4. registration recovery: RESTART THE GATEWAY by running `" + d.restartCommand().orElse("")
                    + "` on this host; every call in progress at the site is dropped. Measure how long until the"
                    + " admin API, the trunk, the test phone's REGISTER and a test call to " + d.testNumber()
                    + " work again, and which of the phones' bindings were kept");
            lines.add("  other calls are not touched until step 4, which drops them all with the restart; every fault"
                    + " ends by itself at its deadline even if this drill dies");
        } else {
            lines.add("  other calls are not touched; every fault ends by itself at its deadline even if this drill dies");
        }
        return lines;
    }

    /** Runs every step; a step that cannot run is reported as an error and the next one runs. */
    public DrillReport run() throws SiteDrillException {
        Instant started = clock.instant();
        List<String> notes = new ArrayList<>();
        notes.add("site drill against the gateway at " + target.admin().base() + "; figures marked (gateway) are"
                + " the gateway's own word from its event log, the others were heard by the built-in test phone "
                + drill.testExtension() + " on " + drill.phoneAddress());
        List<ScenarioReport> scenarios = new ArrayList<>();
        try {
            target.admin().activeFaults();
            startPhone();
            scenarios.add(step(PATH_CUT, this::pathCut));
            if (drill.did().isPresent()) {
                scenarios.add(inbound != null ? inbound
                        : ScenarioReport.failedToRun(INBOUND, "the path cut did not get far enough to try it", List.of(),
                        List.of()));
            }
            scenarios.add(step(MEDIA_LOSS, this::mediaLoss));
            scenarios.add(step(DNS_PER_PATH, this::dnsPerPath));
            if (restart) {
                scenarios.add(step(REGISTRATION_RECOVERY, this::registrationRecovery));
            }
        } finally {
            restore();
        }
        List<String> notRun = new ArrayList<>();
        if (!restart) {
            notRun.add("registration recovery (no portable SIP request makes a phone re-register, and vendors'"
                    + " check-sync NOTIFYs may reboot phones; run with --restart in a maintenance window to restart"
                    + " the gateway with drill.restartCommand and measure how long until service is back)");
        } else {
            notes.add("registration recovery: (gateway) times are the gateway's clock counted from the restart"
                    + " command's start on this host's clock, so run the drill on the gateway host");
        }
        if (drill.did().isEmpty()) {
            notRun.add("inbound during failover (no drill.did configured)");
        }
        if (!notRun.isEmpty()) {
            notes.add("not run: " + String.join("; ", notRun));
        }
        return new DrillReport("site", started, configName, scenarios).withNotes(notes);
    }

    @FunctionalInterface
    private interface Step {
        ScenarioReport run(List<ReportEvent> events, Instant t0) throws SiteDrillException, InterruptedException;
    }

    private ScenarioReport step(String name, Step step) throws SiteDrillException {
        List<ReportEvent> events = new ArrayList<>();
        Instant t0 = clock.instant();
        progress.accept("step " + name);
        try {
            return step.run(events, t0).withGeneratedReading();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteDrillException("interrupted during " + name + "; the faults it started are ended");
        } catch (SiteDrillException e) {
            if (e.getMessage().contains("did not answer")) {
                throw e;        // the admin API is gone: nothing further can run
            }
            progress.accept(name + ": " + e.getMessage());
            return ScenarioReport.failedToRun(name, e.getMessage(), events, List.of());
        }
    }

    private void startPhone() throws SiteDrillException {
        runtime = PhoneRuntime.start();
        PhoneSettings settings = PhoneSettings.of(drill.testExtension(), drill.testPassword().value(),
                drill.phoneAddress()).withRegistrar(target.gatewaySip(), target.realm());
        try {
            phone = LabPhone.start(settings, runtime);
            Registration r = phone.register().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!r.registered()) {
                throw new SiteDrillException("the test phone could not register as " + drill.testExtension() + " at "
                        + target.gatewaySip() + " (status " + r.lastStatus() + r.lastFailure().map(f -> ", " + f)
                        .orElse("") + "); check drill.testExtension and drill.testPassword");
            }
        } catch (SiteDrillException e) {
            throw e;
        } catch (Exception e) {
            throw new SiteDrillException("the test phone could not register as " + drill.testExtension() + " at "
                    + target.gatewaySip() + ": " + e.getMessage(), e);
        }
        progress.accept("test phone registered as " + drill.testExtension());
    }

    // ---- path cut -----------------------------------------------------------------------------

    private ScenarioReport pathCut(List<ReportEvent> events, Instant t0) throws SiteDrillException, InterruptedException {
        PhoneCall call = answeredCall(events, t0);
        String path = drill.cutPath().isPresent() ? drill.cutPath().get() : target.admin().activePath()
                .orElseThrow(() -> new SiteDrillException("the gateway has no active path to cut (survival mode?)"));
        SiteAdmin.StartedFault fault = target.admin().cutPath(path, drill.cutFor());
        ourFaults.add(fault.id());
        events.add(event(t0, ReportEvent.TYPE_FAULT, "path " + path + " cut by the gateway until " + fault.until()));
        progress.accept("path " + path + " cut for " + drill.cutFor().toSeconds() + " s (fault " + fault.id() + ")");
        if (drill.did().isPresent()) {
            inbound = inboundDuringCut(drill.did().get(), fault, events, t0);
        }
        sleepUntil(fault.until().plus(AFTER_CUT));
        boolean survived = call.ended().toCompletableFuture().isDone() == false;
        CallResult result = hangUp(call);
        List<SiteAdmin.GatewayEvent> log = target.admin().events(fault.started().minusSeconds(1));
        ourFaults.remove(fault.id());

        Map<String, Double> metrics = new LinkedHashMap<>();
        List<SloLine> slos = new ArrayList<>();
        Optional<Instant> down = first(log, "PathStateChanged", e -> e.text("path").equals(path)
                && e.text("state").equals("down"), fault.started());
        Optional<Instant> failover = first(log, "ActivePathChanged", e -> e.text("from").equals(path), fault.started());
        Optional<Instant> moved = first(log, "TrunkMoved", e -> !e.text("path").equals(path), fault.started());
        Optional<Instant> registered = first(log, "TrunkStateChanged", e -> e.text("state").equals("registered"),
                moved.orElse(fault.started()));
        Optional<Instant> media = first(log, "CallMediaMoved", e -> e.text("callId").equals(call.callId()),
                fault.started());
        Optional<Instant> ended = first(log, "FaultEnded", e -> e.text("id").equals(fault.id()), fault.started());
        down.ifPresent(at -> {
            metrics.put(Metrics.DETECTION_GATEWAY_S, seconds(fault.started(), at));
            events.add(event(t0, at, ReportEvent.TYPE_PATH_DOWN, "(gateway) path " + path + " down"));
        });
        failover.ifPresent(at -> events.add(event(t0, at, ReportEvent.TYPE_FAILOVER, "(gateway) active path moved off "
                + path)));
        moved.ifPresent(at -> {
            metrics.put("trunk_moved_gateway_s", seconds(fault.started(), at));
            events.add(event(t0, at, ReportEvent.TYPE_REGISTERED, "(gateway) trunk re-REGISTER sent on another path"));
        });
        registered.ifPresent(at -> {
            metrics.put(REGISTERED_GATEWAY_S, seconds(fault.started(), at));
            events.add(event(t0, at, ReportEvent.TYPE_REGISTERED, "(gateway) trunk registered again"));
        });
        media.ifPresent(at -> metrics.put("call_media_moved_gateway_s", seconds(fault.started(), at)));
        ended.ifPresent(at -> events.add(event(t0, at, ReportEvent.TYPE_RESTORE, "(gateway) cut ended at its deadline")));
        metrics.put("test_call_survived", survived ? 1.0 : 0.0);
        result.quality().ifPresent(q -> {
            metrics.put(Metrics.AUDIO_GAP_S, q.audioGap().toMillis() / 1000.0);
            metrics.put(Metrics.MOS_MIN, q.mos());
        });
        slos.add(SloLine.atMost(Metrics.DETECTION_GATEWAY_S, 1.0, metrics.getOrDefault(Metrics.DETECTION_GATEWAY_S,
                Double.NaN)));
        slos.add(SloLine.atMost(REGISTERED_GATEWAY_S, 2.0, metrics.getOrDefault(REGISTERED_GATEWAY_S, Double.NaN)));
        slos.add(SloLine.atLeast("test_call_survived", 1, metrics.get("test_call_survived")));
        slos.add(SloLine.atMost(Metrics.AUDIO_GAP_S, 1.5, metrics.getOrDefault(Metrics.AUDIO_GAP_S, Double.NaN)));
        slos.add(SloLine.atLeast("fault_ended_by_gateway", 1, ended.isPresent() ? 1 : 0));
        events.sort(java.util.Comparator.comparingLong(ReportEvent::atOffsetMillis));   // the gateway's word came in last
        return ScenarioReport.completed(PATH_CUT, metrics, slos, events, List.of());
    }

    // ---- inbound during failover --------------------------------------------------------------

    /** Once the gateway has had time to fail over (or 2 s into the cut), the DID is called from outside. */
    private ScenarioReport inboundDuringCut(String did, SiteAdmin.StartedFault fault, List<ReportEvent> cutEvents,
                                            Instant t0) throws InterruptedException {
        List<ReportEvent> events = new ArrayList<>();
        sleep(Duration.ofSeconds(2));
        java.util.concurrent.CompletableFuture<PhoneCall> ringing = new java.util.concurrent.CompletableFuture<>();
        phone.onIncomingCall(ringing::complete);
        Instant placed = clock.instant();
        List<PhoneCall> outgoing = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean duringCut;
        try {
            outside.call(did, phone, target.gatewaySip(), outgoing);
            ourCalls.addAll(outgoing);
            events.add(event(t0, ReportEvent.TYPE_CALL, "DID " + did + " called from outside during the cut"));
            PhoneCall in = ringing.get(Math.min(10, Math.max(1, Duration.between(clock.instant(), fault.until())
                    .toSeconds())), TimeUnit.SECONDS);
            Instant rang = clock.instant();
            duringCut = rang.isBefore(fault.until());
            ourCalls.add(in);
            metrics.put("inbound_ringing_s", seconds(placed, rang));
            // A call the gateway rang here directly presents the test extension itself; one that came
            // back in over the trunk presents the caller ID the provider sent (the DID's number).
            boolean fromProvider = !userOf(in.peer()).equals(drill.testExtension());
            metrics.put(INBOUND_VIA_PROVIDER, fromProvider ? 1.0 : 0.0);
            events.add(event(t0, rang, ReportEvent.TYPE_CALL, "(test phone) the call to " + did + " rang extension "
                    + drill.testExtension() + ", caller ID as presented: " + in.peer()));
            cutEvents.add(event(t0, rang, ReportEvent.TYPE_CALL, "(test phone) inbound call to " + did + " arrived"));
            boolean answered = in.answered().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
            metrics.put("inbound_answered", answered ? 1.0 : 0.0);
            in.hangUp();
        } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
            metrics.put("inbound_answered", 0.0);
            metrics.putIfAbsent(INBOUND_VIA_PROVIDER, 0.0);
            duringCut = false;
            events.add(event(t0, ReportEvent.TYPE_CALL, "(test phone) the call to " + did + " did not arrive: "
                    + (e instanceof TimeoutException ? "nothing rang" : e.toString())));
        } finally {
            phone.onIncomingCall(c -> { });
            outgoing.forEach(PhoneCall::hangUp);
        }
        metrics.put("inbound_during_cut", duringCut ? 1.0 : 0.0);
        List<SloLine> slos = List.of(SloLine.atLeast("inbound_answered", 1, metrics.get("inbound_answered")),
                SloLine.atLeast(INBOUND_VIA_PROVIDER, 1, metrics.get(INBOUND_VIA_PROVIDER)),
                SloLine.atLeast("inbound_during_cut", 1, metrics.get("inbound_during_cut")));
        return ScenarioReport.completed(INBOUND, metrics, slos, events, List.of()).withGeneratedReading();
    }

    // ---- controlled loss ----------------------------------------------------------------------

    private ScenarioReport mediaLoss(List<ReportEvent> events, Instant t0) throws SiteDrillException,
            InterruptedException {
        PhoneCall call = answeredCall(events, t0);
        SiteAdmin.StartedFault fault = target.admin().loseMedia(call.callId(), drill.lossPercent(), drill.lossFor());
        ourFaults.add(fault.id());
        events.add(event(t0, ReportEvent.TYPE_FAULT, drill.lossPercent() + " % of the test call's media dropped by"
                + " the gateway until " + fault.until()));
        sleepUntil(fault.until());
        CallResult result = hangUp(call);
        ourFaults.remove(fault.id());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss_injected_pct", (double) drill.lossPercent());
        Optional<PlayoutQuality> q = result.quality();
        q.ifPresent(p -> {
            metrics.put(Metrics.LOSS_MAX_PCT, p.effectiveLossPercent());
            metrics.put(Metrics.MOS_MEAN, p.mos());
        });
        // The fault must be heard, or the step tested nothing; the MOS is the figure to read.
        List<SloLine> slos = List.of(SloLine.atLeast(Metrics.LOSS_MAX_PCT, drill.lossPercent() / 2.0,
                metrics.getOrDefault(Metrics.LOSS_MAX_PCT, Double.NaN)));
        return ScenarioReport.completed(MEDIA_LOSS, metrics, slos, events, List.of());
    }

    // ---- DNS per path -------------------------------------------------------------------------

    private ScenarioReport dnsPerPath(List<ReportEvent> events, Instant t0) throws InterruptedException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<SloLine> slos = new ArrayList<>();
        for (Trunk trunk : site.trunks()) {
            for (WanPath path : site.paths()) {
                String metric = "dns_targets_" + path.name() + (site.trunks().size() > 1 ? "_" + trunk.name() : "");
                double found;
                try {
                    PathResolver resolver = new PathResolver(path, DnsSettings.DEFAULTS, InstantSource.system(),
                            e -> { });
                    List<ProviderTarget> targets = new SipLocator(resolver, new SecureRandom())
                            .locate(trunk.provider(), transport(trunk)).toCompletableFuture()
                            .get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
                    found = targets.size();
                    events.add(event(t0, ReportEvent.TYPE_STEP, trunk.name() + " via " + path.name() + ": "
                            + targets.stream().map(t -> t.address().toString()).toList()));
                } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
                    found = 0;
                    events.add(event(t0, ReportEvent.TYPE_STEP, trunk.name() + " via " + path.name() + ": not found ("
                            + (e.getCause() != null ? e.getCause().getMessage() : e.toString()) + ")"));
                }
                metrics.put(metric, found);
                slos.add(SloLine.atLeast(metric, 1, found));
            }
        }
        return ScenarioReport.completed(DNS_PER_PATH, metrics, slos, events, List.of());
    }

    private static Transport transport(Trunk trunk) {
        return switch (trunk.transport()) {
            case UDP -> Transport.UDP;
            case TCP -> Transport.TCP;
            case TLS -> Transport.TLS;
        };
    }

    // ---- registration recovery ----------------------------------------------------------------

    /** What the restart command did: when it ended (empty: still running at the bound), its status and stderr. */
    private record CommandRun(Process process, Path stdout, Path stderr) {
        void delete() {
            try {
                java.nio.file.Files.deleteIfExists(stdout);
                java.nio.file.Files.deleteIfExists(stderr);
            } catch (java.io.IOException e) {
                // temporary files: the system cleans them up
            }
        }
    }

    /**
     * Restarts the gateway with {@code drill.restartCommand} and measures, from the command's start:
     * the admin API answering as a new gateway (drill), the trunk registered (gateway's word), the
     * test phone's REGISTER answered (a REGISTER every {@link #REREGISTER_EVERY}, each bounded to
     * about as long), a test call answered (test phone), and the bindings kept.
     */
    private ScenarioReport registrationRecovery(List<ReportEvent> events, Instant t0) throws SiteDrillException,
            InterruptedException {
        String command = drill.restartCommand().orElseThrow(() -> new SiteDrillException("no drill.restartCommand"));
        List<BindingRecovery.Binding> before = target.admin().registrations();
        Instant oldStart = target.admin().startedAt();
        events.add(event(t0, ReportEvent.TYPE_STEP, before.size() + " binding(s) listed by the gateway before the"
                + " restart (drill, GET /api/registrations)"));
        LabPhone probe = probePhone();
        CommandRun run = null;
        try {
            Instant commandStarted = clock.instant();
            run = startCommand(command);
            events.add(event(t0, ReportEvent.TYPE_FAULT, "restart command started: " + command));
            progress.accept("restarting the gateway: " + command);
            Instant deadline = commandStarted.plus(RESTART_BOUND);
            Optional<Instant> commandEnded = Optional.empty();
            Optional<Instant> adminBack = Optional.empty();
            Optional<Instant> newStart = Optional.empty();
            Optional<Instant> trunkBack = Optional.empty();
            Optional<Instant> registerBack = Optional.empty();
            Optional<Instant> outageSeen = Optional.empty();
            java.util.concurrent.CompletableFuture<Registration> attempt = null;
            Instant attemptSent = commandStarted;
            int attempts = 0;
            boolean wantTrunk = site.trunks().stream().anyMatch(Trunk::register);
            int bound = (int) (RESTART_BOUND.toMillis() / 50);
            for (int i = 0; i < bound && clock.instant().isBefore(deadline); i++) {
                Instant now = clock.instant();
                if (commandEnded.isEmpty() && !run.process().isAlive()) {
                    commandEnded = Optional.of(now);
                    int status = run.process().exitValue();
                    events.add(event(t0, now, ReportEvent.TYPE_STEP, "restart command ended with status " + status));
                    if (status != 0) {
                        throw new SiteDrillException("the restart command `" + command + "` exited with status "
                                + status + tail(run.stderr(), "; its stderr: ") + "; check drill.restartCommand");
                    }
                }
                if (registerBack.isEmpty()) {
                    if (attempt != null && attempt.isDone()) {
                        boolean answered = attempt.isCompletedExceptionally() == false
                                && attempt.join().lastFailure().isEmpty();
                        if (!answered && outageSeen.isEmpty()) {
                            outageSeen = Optional.of(attemptSent);
                            events.add(event(t0, attemptSent, ReportEvent.TYPE_PATH_DOWN, "(test phone) REGISTER"
                                    + " unanswered: the gateway is away"));
                        }
                        attempt = null;
                    }
                    // Only a 200 OK after the phone saw the gateway away is the new gateway's (the old one
                    // answers until it stops); without a gap seen, the first after the admin API came back.
                    Optional<Instant> since = outageSeen.isPresent() ? outageSeen : adminBack;
                    Optional<Instant> ok = since.flatMap(probe::firstRegistrationSince);
                    if (ok.isPresent()) {
                        registerBack = ok;
                        events.add(event(t0, ok.get(), ReportEvent.TYPE_REGISTERED, "(test phone) REGISTER answered"
                                + " 200 OK again after " + attempts + " attempt(s)"));
                    } else if (attempt == null && !now.isBefore(attemptSent.plus(REREGISTER_EVERY))) {
                        attemptSent = now;
                        attempts++;
                        attempt = probe.register().toCompletableFuture();
                    }
                }
                if (commandEnded.isPresent() && adminBack.isEmpty()) {
                    newStart = newGatewayStart(oldStart);
                    if (newStart.isPresent()) {
                        adminBack = Optional.of(now);
                        events.add(event(t0, now, ReportEvent.TYPE_RESTORE, "(drill) admin API answers: gateway"
                                + " started at " + newStart.get()));
                    }
                }
                if (adminBack.isPresent() && trunkBack.isEmpty() && wantTrunk) {
                    trunkBack = first(target.admin().events(newStart.get()), "TrunkStateChanged",
                            e -> e.text("state").equals("registered"), newStart.get());
                    trunkBack.ifPresent(at -> events.add(event(t0, at, ReportEvent.TYPE_REGISTERED,
                            "(gateway) trunk registered again")));
                }
                if (registerBack.isPresent() && adminBack.isPresent() && (trunkBack.isPresent() || !wantTrunk)) {
                    break;
                }
                sleep(Duration.ofMillis(50));
            }
            if (run.process().isAlive()) {
                run.process().destroyForcibly();
                throw new SiteDrillException("the restart command `" + command + "` did not end within "
                        + RESTART_BOUND.toSeconds() + " s; stopped it. Check drill.restartCommand");
            }
            if (adminBack.isEmpty()) {
                throw new SiteDrillException("the gateway's admin API was not back as a newly started gateway within "
                        + RESTART_BOUND.toSeconds() + " s of the restart command; is the gateway running?");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(ADMIN_BACK_S, seconds(commandStarted, adminBack.get()));
            trunkBack.ifPresent(at -> metrics.put(TRUNK_BACK_GATEWAY_S, seconds(commandStarted, at)));
            registerBack.ifPresent(at -> metrics.put(SERVICE_BACK_S, seconds(commandStarted, at)));
            metrics.put("reregister_attempts", (double) attempts);
            closeProbe(probe);
            probe = null;

            Optional<Instant> callBack = testCallAgain(events, t0);
            callBack.ifPresent(at -> metrics.put(CALL_BACK_S, seconds(commandStarted, at)));
            metrics.put("test_call_answered", callBack.isPresent() ? 1.0 : 0.0);

            BindingRecovery bindings = BindingRecovery.of(before, target.admin().registrations(), newStart.get());
            metrics.put(BINDINGS_BEFORE, (double) before.size());
            metrics.put(BINDINGS_KEPT, (double) bindings.kept().size());
            metrics.put(BINDINGS_LOST, (double) bindings.lost().size());
            metrics.put(BINDINGS_REREGISTERED, (double) bindings.cameBack().size());
            for (BindingRecovery.Binding b : bindings.kept()) {
                events.add(event(t0, ReportEvent.TYPE_STEP, "(gateway) binding kept: " + b + (bindings.cameBack(b)
                        ? ", registered again at " + b.registeredAt().orElseThrow()
                        : ", not registered again since the restart (the kept binding serves it)")));
            }
            bindings.lost().forEach(b -> events.add(event(t0, ReportEvent.TYPE_STEP, "(gateway) binding LOST: " + b)));
            bindings.added().forEach(b -> events.add(event(t0, ReportEvent.TYPE_STEP, "(gateway) binding new since"
                    + " the restart: " + b)));

            List<SloLine> slos = new ArrayList<>();
            slos.add(SloLine.atMost(ADMIN_BACK_S, SERVICE_BACK_TARGET_S, metrics.get(ADMIN_BACK_S)));
            if (wantTrunk) {
                slos.add(SloLine.atMost(TRUNK_BACK_GATEWAY_S, SERVICE_BACK_TARGET_S,
                        metrics.getOrDefault(TRUNK_BACK_GATEWAY_S, Double.NaN)));
            }
            slos.add(SloLine.atMost(SERVICE_BACK_S, SERVICE_BACK_TARGET_S, metrics.getOrDefault(SERVICE_BACK_S,
                    Double.NaN)));
            slos.add(SloLine.atLeast("test_call_answered", 1, metrics.get("test_call_answered")));
            // At least the test phone's own binding was listed before, so "none lost" compares something.
            slos.add(SloLine.atLeast(BINDINGS_BEFORE, 1, before.size()));
            slos.add(SloLine.atMost(BINDINGS_LOST, 0, bindings.lost().size()));
            return ScenarioReport.completed(REGISTRATION_RECOVERY, metrics, slos, events, List.of());
        } finally {
            if (probe != null) {
                closeProbe(probe);
            }
            if (run != null) {
                run.delete();
            }
        }
    }

    /** The new gateway's start time once its admin API answers with one later than {@code oldStart}. */
    private Optional<Instant> newGatewayStart(Instant oldStart) {
        try {
            Instant started = target.admin().startedAt();
            return started.isAfter(oldStart) ? Optional.of(started) : Optional.empty();
        } catch (SiteDrillException e) {
            return Optional.empty();   // not listening yet, or still starting
        }
    }

    /**
     * A second phone on the test extension's account for the re-REGISTER probe: its REGISTER
     * transactions give up after 64*T1 = 256 ms, so an unanswered one is retried about every
     * {@link #REREGISTER_EVERY}; it never retries on its own. Its binding is removed after.
     */
    private LabPhone probePhone() throws SiteDrillException {
        PhoneSettings settings = PhoneSettings.of(drill.testExtension(), drill.testPassword().value(),
                drill.phoneAddress()).withRegistrar(target.gatewaySip(), target.realm())
                .withRegistration(Duration.ofSeconds(120), 0.9, Duration.ofHours(1))
                .withSipTimers(new dev.lifeline.sip.transaction.TimerConfig(Duration.ofMillis(4), Duration.ofMillis(64),
                        Duration.ofMillis(100)));
        try {
            return LabPhone.start(settings, runtime);
        } catch (Exception e) {
            throw new SiteDrillException("cannot start the re-REGISTER probe on " + drill.phoneAddress() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeProbe(LabPhone probe) {
        try {
            probe.unregister().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Its binding expires on its own (120 s).
        }
        probe.close();
    }

    private static CommandRun startCommand(String command) throws SiteDrillException {
        try {
            Path out = java.nio.file.Files.createTempFile("lifeline-restart-", ".out");
            Path err = java.nio.file.Files.createTempFile("lifeline-restart-", ".err");
            Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new CommandRun(p, out, err);
        } catch (java.io.IOException e) {
            throw new SiteDrillException("cannot run the restart command `" + command + "`: " + e.getMessage(), e);
        }
    }

    private static String tail(Path file, String prefix) {
        try {
            String text = java.nio.file.Files.readString(file).strip();
            if (text.isEmpty()) {
                return "";
            }
            List<String> lines = text.lines().toList();
            return prefix + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** A test call to drill.testNumber after the restart; when it was answered, empty if it was not. */
    private Optional<Instant> testCallAgain(List<ReportEvent> events, Instant t0) throws InterruptedException {
        PhoneCall call = phone.call(drill.testNumber(), target.gatewaySip());
        ourCalls.add(call);
        try {
            boolean answered = call.answered().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
            if (answered) {
                Instant at = clock.instant();
                events.add(event(t0, at, ReportEvent.TYPE_CALL, "(test phone) test call to " + drill.testNumber()
                        + " answered after the restart"));
                return Optional.of(at);
            }
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // not answered: reported below
        } finally {
            try {
                call.hangUp().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // the gateway ends it by itself
            }
            ourCalls.remove(call);
        }
        events.add(event(t0, ReportEvent.TYPE_CALL, "(test phone) test call to " + drill.testNumber()
                + " NOT answered after the restart"));
        return Optional.empty();
    }

    // ---- calls and time -----------------------------------------------------------------------

    private PhoneCall answeredCall(List<ReportEvent> events, Instant t0) throws SiteDrillException,
            InterruptedException {
        PhoneCall call = phone.call(drill.testNumber(), target.gatewaySip());
        ourCalls.add(call);
        boolean answered;
        try {
            answered = call.answered().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            answered = false;
        }
        if (!answered) {
            call.hangUp();
            throw new SiteDrillException("the test call to " + drill.testNumber() + " was not answered within "
                    + STEP_WAIT.toSeconds() + " s; check drill.testNumber and that outbound calls work");
        }
        events.add(event(t0, ReportEvent.TYPE_CALL, "test call to " + drill.testNumber() + " answered"));
        sleep(SETTLE);
        return call;
    }

    private CallResult hangUp(PhoneCall call) throws SiteDrillException, InterruptedException {
        try {
            return call.hangUp().toCompletableFuture().get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new SiteDrillException("the test call did not end cleanly: " + e.getMessage(), e);
        } finally {
            ourCalls.remove(call);
        }
    }

    private void sleepUntil(Instant until) throws InterruptedException {
        Duration left = Duration.between(clock.instant(), until);
        if (!left.isNegative()) {
            sleep(left);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.min(d.toMillis(), Duration.ofMinutes(10).toMillis()));
    }

    private static Optional<Instant> first(List<SiteAdmin.GatewayEvent> log, String type,
                                           java.util.function.Predicate<SiteAdmin.GatewayEvent> match, Instant after) {
        return log.stream().filter(e -> e.type().equals(type) && !e.at().isBefore(after) && match.test(e))
                .map(SiteAdmin.GatewayEvent::at).findFirst();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private ReportEvent event(Instant t0, String type, String summary) {
        return event(t0, clock.instant(), type, summary);
    }

    private static ReportEvent event(Instant t0, Instant at, String type, String summary) {
        return new ReportEvent(Math.max(0, Duration.between(t0, at).toMillis()), type, summary);
    }

    /**
     * Ends the faults this drill started and hangs up its test calls; safe to call more than once
     * and from a shutdown hook. A fault it cannot end (the API is gone) ends at its deadline.
     */
    public synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        // An interrupt (Ctrl-C) must not stop the clean-up's own requests; it is set again after.
        boolean interrupted = Thread.interrupted();
        try {
            endOurs();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void endOurs() {
        for (String id : List.copyOf(ourFaults)) {
            try {
                target.admin().end(id);
                progress.accept("fault " + id + " ended");
            } catch (SiteDrillException e) {
                progress.accept("fault " + id + " could not be ended now (" + e.getMessage()
                        + "); the gateway ends it at its deadline");
            }
            ourFaults.remove(id);
        }
        for (PhoneCall call : ourCalls) {
            call.hangUp();
        }
        if (phone != null) {
            try {
                phone.unregister().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The binding expires on its own; nothing else depends on it.
            }
            phone.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    public void close() {
        restore();
    }

    /** The user part of a SIP URI or name-address as a phone shows it ({@code sip:1099@10.0.0.1} gives 1099). */
    static String userOf(String uri) {
        String u = uri.strip();
        int lt = u.indexOf('<');
        if (lt >= 0) {
            u = u.substring(lt + 1);
        }
        int colon = u.indexOf(':');
        int at = u.indexOf('@');
        return at > colon ? u.substring(colon + 1, at) : u;
    }

}
