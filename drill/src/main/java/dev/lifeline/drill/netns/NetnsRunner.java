package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.Figures;
import dev.lifeline.drill.report.Reading;
import dev.lifeline.drill.report.ReportEvent;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.Series;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.ScenarioResult;
import dev.lifeline.drill.scenario.SloResult;
import dev.lifeline.drill.scenario.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs scenarios in the kernel-level lab, each in fresh namespaces around a fresh gateway
 * process, and writes the same {@link DrillReport} as the in-process lab. Faults are made by the
 * kernel at the scenario's instants; the figures come from the ISP-side captures, and each
 * SLO line names the capture it was read from. Captures and every part's log stay in
 * {@code work/<scenario>/}.
 */
public final class NetnsRunner {

    private final String siteYaml;
    private final String configName;
    private final List<String> pathNames;
    private final List<String> launcher;
    private final Path work;
    private final Consumer<String> progress;

    /**
     * @param siteYaml   the user's site file's text (validated already)
     * @param configName the site file's name as the report shows it
     * @param pathNames  the site's path names; the first runs over wan1, the second over wan2
     * @param launcher   the command that starts the CLI in another JVM ({@code java -cp … dev.lifeline.cli.Main})
     * @param work       where each scenario's captures, configs and logs go
     */
    public NetnsRunner(String siteYaml, String configName, List<String> pathNames, List<String> launcher, Path work,
                       Consumer<String> progress) {
        this.siteYaml = Objects.requireNonNull(siteYaml, "siteYaml");
        this.configName = configName;
        if (pathNames.size() < 2) {
            throw new IllegalArgumentException("the site has " + pathNames.size() + " path(s); the kernel-level lab needs two");
        }
        this.pathNames = List.copyOf(pathNames.subList(0, 2));
        this.launcher = List.copyOf(launcher);
        this.work = work;
        this.progress = progress;
    }

    public DrillReport run(String suite, List<NetnsScenario> scenarios) throws LabException {
        Instant started = Instant.now();
        NetnsLab.removeStale(progress);
        List<ScenarioReport> reports = new ArrayList<>();
        int n = 0;
        for (NetnsScenario s : scenarios) {
            n++;
            progress.accept(String.format("[%d/%d] %s (%d s, kernel: %s)", n, scenarios.size(), s.name(),
                    s.scenario().length().toSeconds(), kernelFaults(s)));
            ScenarioReport r = runOne(s);
            progress.accept(String.format("[%d/%d] %s: %s", n, scenarios.size(), s.name(),
                    r.verdict().jsonName() + r.error().map(e -> " — " + e).orElse("")));
            reports.add(r);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("Kernel-level lab (drill --netns): namespaces site, isp1, isp2, inet, lan; Kamailio as the provider (two SRV "
                + "targets, sip1 " + NetnsPlan.PROVIDER + " and sip2 " + NetnsPlan.PROVIDER_2 + "), "
                + "dnsmasq per path; figures read from tcpdump captures on each ISP's site-facing veth, kept in " + work + ".");
        NetnsSuite.inProcessOnly().forEach((name, why) -> notes.add("Stays in-process: " + name + " — " + why + "."));
        return new DrillReport(suite, started, configName, reports, notes);
    }

    /** The kinds of fault the kernel makes in this scenario, for the progress line: "silent cut, nft loss". */
    static String kernelFaults(NetnsScenario s) {
        List<String> kinds = s.scenario().timeline().stream().map(Step::action).filter(Action::isFault).map(a -> switch (a) {
            case Action.Blackhole b -> s.fault().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            case Action.Impair i -> "nft random loss";
            case Action.BlockSip b -> "nft SIP drop";
            case Action.NatForget n -> "conntrack flush";
            case Action.DnsFault d -> switch (d.mode()) {
                case SERVFAIL -> "resolver DNAT-ed to one answering SERVFAIL";
                case REFUSED -> "resolver DNAT-ed to one answering REFUSED";
                default -> "resolver stopped";
            };
            case Action.NatPortChange n -> "NAT port change";
            case Action.ProviderFault p -> "provider target SIGSTOP";
            case Action.DnsRemove r -> "dnsmasq restarted without records";
            default -> a.kind();
        }).distinct().toList();
        return kinds.isEmpty() ? "none" : String.join(", ", kinds);
    }

    private ScenarioReport runOne(NetnsScenario ns) {
        Scenario scenario = ns.scenario();
        Path dir = work.resolve(scenario.name());
        NetnsPlan plan = NetnsPlan.of(ProcessHandle.current().pid(), ThreadLocalRandom.current().nextInt(1 << 16));
        boolean reflector = LabSite.wantsReflector(siteYaml)
                && !scenario.setting(Scenario.REFLECTOR).map("none"::equalsIgnoreCase).orElse(false);
        List<ReportEvent> events = new ArrayList<>();
        Optional<NetnsLab.CallPlan> calls = callPlan(scenario, siteYaml);
        try (NetnsLab lab = NetnsLab.start(plan, dir, launcher, siteYaml, reflector, calls, progress)) {
            String dnsNat = prepareDnsNat(ns, lab, plan);
            Timeline t = execute(ns, lab, events);
            String lossSeen = lossSeen(t.faults(), lab) + dnsNat + dnsNatSeen(ns, t, lab);
            Observed o = new Observed(t.start, t.faults.cuts, t.faults.restores, lab.captured(NetnsPlan.WAN1),
                    lab.captured(NetnsPlan.WAN2), lab.capturedLan(), t.calls.placed(), t.calls.planned);
            Optional<Figure> failovers = t.faults.first == null ? Optional.empty()
                    : failovers(o.wan1(), o.wan2(), t.faults.first);
            Map<String, Figure> provider = providerFigures(o.wan1(), o.wan2(), t.faults.providerDown);
            providerEvents(lab.capturedInet(), t.faults.providerDown, t.start, events);
            providerBackEvents(o.wan1(), o.wan2(), t.faults.providerUp, t.start, events);
            HeardFigures.Read heard = heard(lab, calls, o);
            return report(ns, o, failovers, provider, events, dir, lossSeen + heard.reading(), heard.heard());
        } catch (LabException e) {
            return ScenarioReport.failedToRun(scenario.name(), e.getMessage(), events, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScenarioReport.failedToRun(scenario.name(), "interrupted", events, List.of());
        } catch (RuntimeException e) {
            return ScenarioReport.failedToRun(scenario.name(), "the run failed: " + e, events, List.of());
        }
    }

    /**
     * Before the timeline: the resolvers answering SERVFAIL/REFUSED when the scenario has such a DNS
     * fault, and the scenario's conntrack UDP timeouts in both ISPs ({@link NetnsSuite#udpTimeouts}).
     * Returns the reading's note on the timeouts, or "".
     */
    private String prepareDnsNat(NetnsScenario ns, NetnsLab lab, NetnsPlan plan) throws LabException, InterruptedException {
        boolean answers = ns.scenario().timeline().stream().map(Step::action).anyMatch(a -> a instanceof Action.DnsFault d
                && (d.mode() == Action.DnsFault.Mode.SERVFAIL || d.mode() == Action.DnsFault.Mode.REFUSED));
        if (answers) {
            lab.startFaultResolvers();
            progress.accept("  started dnsmasq ×4 answering SERVFAIL/REFUSED (reached only while a DNS fault DNAT-s to them)");
        }
        Optional<NetnsSuite.UdpTimeouts> timeouts = NetnsSuite.udpTimeouts(ns.name());
        if (timeouts.isEmpty()) {
            return "";
        }
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            lab.apply(plan.udpTimeouts(u, timeouts.get().unrepliedSeconds(), timeouts.get().streamSeconds()));
        }
        return String.format(Locale.ROOT, " Conntrack UDP timeouts in isp1 and isp2 for this scenario: %d s unreplied, %d s assured "
                + "(sysctl net.netfilter.nf_conntrack_udp_timeout/_stream in each ISP namespace).",
                timeouts.get().unrepliedSeconds(), timeouts.get().streamSeconds());
    }

    /**
     * What the captures show of the scenario's DNS faults (each faulted path's resolver's answers by
     * rcode, in its ISP-side capture) and NAT port changes (the REGISTER from the new public port and
     * its 200 OK, in inet's capture). "" when the scenario has neither.
     */
    private static String dnsNatSeen(NetnsScenario ns, Timeline t, NetnsLab lab) throws LabException {
        List<String> out = new ArrayList<>();
        for (NetnsPlan.Uplink u : t.faults().dnsFaulted) {
            out.add(DnsNatFigures.answersLine(lab.captured(u), u.resolver(), u.siteAddress(), t.start(), where(u)));
        }
        if (!t.faults().portChanges.isEmpty()) {
            List<Datagram> inet = lab.capturedInet();
            String[] range = NetnsPlan.CHANGED_PORTS.split("-");
            t.faults().portChanges.forEach((u, at) -> out.add(DnsNatFigures.reRegistered(inet, u.publicAddress(),
                    Integer.parseInt(range[0]), Integer.parseInt(range[1]), at).map(r -> String.format(Locale.ROOT,
                    "after the port change on %s the provider got a REGISTER from %s:%d %.1f s later, %s (capture at inet, inet.pcap)",
                    u.siteDevice(), u.publicAddress(), r.port(), Duration.between(at, r.register()).toMillis() / 1000.0,
                    r.ok().map(ok -> String.format(Locale.ROOT, "its 200 OK %.1f s after the change",
                            Duration.between(at, ok).toMillis() / 1000.0)).orElse("with no 200 OK to it")))
                    .orElse("after the port change on " + u.siteDevice() + " no REGISTER reached the provider from "
                            + u.publicAddress() + " ports " + NetnsPlan.CHANGED_PORTS + " (capture at inet, inet.pcap)")));
        }
        if (!t.faults().portChanges.isEmpty()) {
            List<CaptureFigures.CallSeen> answered = CaptureFigures.calls(t.calls().placed(), lab.capturedLan(), List.of(),
                    NetnsLab.PHONE_ADDRESSES, NetnsPlan.PROVIDER).stream().filter(c -> c.answered().isPresent()).toList();
            out.add("one-way audio on " + answered.stream().filter(CaptureFigures.CallSeen::oneWay).count() + " of "
                    + answered.size() + " answered call(s) (capture at the phones' veth lan0, lan.pcap; not judged here, see below)");
        }
        return out.isEmpty() ? "" : " DNS/NAT as captured: " + String.join("; ", out) + ".";
    }

    /** When the scenario started, and per uplink when its fault began and ended. */
    private record Timeline(Instant start, Faults faults, Calls calls) {
    }

    /**
     * The phones and callers the scenario needs: the first placeCalls step's phone and number,
     * the phones each inboundCalls DID rings (by the site file), and one caller per inboundCalls step.
     */
    static Optional<NetnsLab.CallPlan> callPlan(Scenario scenario, String siteYaml) {
        List<String> extensions = new ArrayList<>();
        String number = "+0";
        List<NetnsLab.CallerId> callers = new ArrayList<>();
        for (Step step : scenario.timeline()) {
            switch (step.action()) {
                case Action.PlaceCalls p -> {
                    if (number.equals("+0")) {
                        number = p.to();
                    }
                    extensions.addAll(p.from());
                }
                case Action.InboundCalls i -> {
                    extensions.addAll(LabSite.ringing(siteYaml, i.did()));
                    callers.add(callerId(i.callerIdFormat()));
                }
                default -> { }
            }
        }
        return extensions.isEmpty() ? Optional.empty() : Optional.of(new NetnsLab.CallPlan(extensions, number, callers));
    }

    /** The number the provider-side caller presents in each form (as the in-process lab's provider does). */
    static NetnsLab.CallerId callerId(Action.InboundCalls.CallerIdFormat format) {
        return switch (format) {
            case E164 -> new NetnsLab.CallerId("Caller", "+15550123");
            case NATIONAL -> new NetnsLab.CallerId("Caller", "5550123");
            case ANONYMOUS -> new NetnsLab.CallerId("Anonymous", "anonymous");
        };
    }

    /** What the site's phone must show for it (the site's inbound rule: digits without the "+"; anonymous as is). */
    static String expectedCallerId(Action.InboundCalls.CallerIdFormat format) {
        return switch (format) {
            case ANONYMOUS -> "anonymous";
            default -> callerId(format).user().replaceFirst("^\\+", "");
        };
    }

    /**
     * The scenario's calls: one job per placeCalls or inboundCalls step, each a baresip that places
     * its step's calls one after another, hanging up each when due. Bounded: a job places at most
     * its step's count.
     */
    private static final class Calls {
        final List<Job> jobs = new ArrayList<>();
        int planned;   // outbound calls planned

        List<CaptureFigures.LabCall> placed() {
            return jobs.stream().flatMap(j -> j.placed.stream()).sorted(java.util.Comparator.comparing(
                    CaptureFigures.LabCall::dialed)).toList();
        }

        /** Hangs up what is due (everything, when {@code force}: the scenario ended), then dials what is next. */
        void tick(Instant start, List<ReportEvent> events, boolean force) throws LabException {
            for (Job j : jobs) {
                j.tick(start, events, force);
            }
        }
    }

    private static final class Job {
        final LabPhone phone;
        final CaptureFigures.Direction direction;
        final String number;
        final Duration duration;
        final String who;
        final String phoneAddress;
        final int phonePort;
        final String expected;
        int remaining;
        Instant dialed;
        /** When the call up was seen answered (outbound: the 200 OK in lan.pcap); null until then. */
        Instant answered;
        /** Where an outbound job looks for its answer; null: hang up at dial + duration (inbound callers). */
        CaptureSource lan;
        final List<CaptureFigures.LabCall> placed = new ArrayList<>();

        Job(LabPhone phone, CaptureFigures.Direction direction, String number, int count, Duration duration, String who,
            String phoneAddress, int phonePort, String expected) {
            this.phoneAddress = phoneAddress;
            this.phone = phone;
            this.direction = direction;
            this.number = number;
            this.remaining = count;
            this.duration = duration;
            this.who = who;
            this.phonePort = phonePort;
            this.expected = expected;
        }

        void tick(Instant start, List<ReportEvent> events, boolean force) throws LabException {
            Instant now = Instant.now();
            if (dialed != null && !force && !now.isBefore(dialed.plus(duration)) && unansweredYet(now)) {
                return;   // held for its duration once answered, as the scenario means; unanswered, given up at ANSWER_WAIT
            }
            if (dialed != null && (force || !now.isBefore((answered == null ? dialed : answered).plus(duration)))) {
                phone.command("/hangup");
                placed.add(new CaptureFigures.LabCall(direction, dialed, now, phoneAddress, phonePort, number, expected));
                events.add(new ReportEvent(offset(start, now), ReportEvent.TYPE_CALL, who + " hangs up (call to " + number + ")"));
                dialed = null;
                answered = null;
                return;   // the next call from the next tick: the BYE goes first
            }
            if (dialed == null && remaining > 0 && !force) {
                remaining--;
                dialed = now;
                phone.command("/dial " + number);
                events.add(new ReportEvent(offset(start, now), ReportEvent.TYPE_CALL, who + " dials " + number + " for "
                        + duration.toSeconds() + " s"));
            }
        }

        /**
         * Whether the outbound call up is still unanswered within {@link #ANSWER_WAIT} of its dial
         * (read from the lan capture only once its planned duration has passed, so rarely).
         */
        private boolean unansweredYet(Instant now) throws LabException {
            if (lan == null || answered != null) {
                return false;
            }
            answered = CaptureFigures.answered(lan.read(), phoneAddress, dialed).map(CaptureFigures.Sighting::at).orElse(null);
            return answered == null && now.isBefore(dialed.plus(ANSWER_WAIT));
        }
    }

    /** Every provider target's address: an inbound call may come from either. */
    static final Set<String> PROVIDER_ADDRESSES = NetnsPlan.PROVIDER_TARGETS.stream().map(NetnsPlan.ProviderTarget::address)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** How long an outbound call may ring before the phone gives up on it (the in-process lab's wait). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    /** A capture read again on demand. */
    @FunctionalInterface
    interface CaptureSource {
        List<Datagram> read() throws LabException;
    }

    private Timeline execute(NetnsScenario ns, NetnsLab lab, List<ReportEvent> events)
            throws LabException, InterruptedException {
        Instant start = Instant.now();
        Faults faults = new Faults(ns, lab, start, events);
        Calls calls = new Calls();
        int inbound = 0;
        try {
            for (Step step : ns.scenario().timeline()) {
                sleepUntil(start.plus(step.at()), lab, calls, start, events);
                switch (step.action()) {
                    case Action.PlaceCalls p -> {
                        String ext = p.from().get(0);
                        LabPhone phone = lab.phone(ext).orElseThrow(() -> new LabException("no lab phone " + ext + " to place the call from"));
                        calls.planned += p.count();
                        calls.jobs.add(new Job(phone, CaptureFigures.Direction.OUTBOUND, p.to(), p.count(), p.duration(),
                                "phone " + ext + " (baresip in lan)", NetnsLab.phoneAddress(lab.phoneIndex(ext)),
                                NetnsPlan.PHONE_SIP_PORT, ""));
                        calls.jobs.get(calls.jobs.size() - 1).lan = lab::capturedLan;
                        calls.tick(start, events, false);
                    }
                    case Action.InboundCalls i -> {
                        int n = inbound++;
                        LabPhone caller = lab.caller(n).orElseThrow(() -> new LabException("no caller " + (n + 1) + " in inet"));
                        calls.jobs.add(new Job(caller, CaptureFigures.Direction.INBOUND, i.did(), i.count(), i.duration(),
                                "caller " + (n + 1) + " (baresip in inet, caller ID " + callerId(i.callerIdFormat()).user() + ")",
                                "", -1, expectedCallerId(i.callerIdFormat())));
                        calls.tick(start, events, false);
                    }
                    case Action.Blackhole b when !b.down() -> faults.undo(b.path(), Set.of(KernelStep.CUT));
                    case Action.Restore r -> faults.undo(r.path(), Set.of(KernelStep.CUT, KernelStep.LOSS, KernelStep.SIP));
                    case Action.DnsFault d when d.mode() == Action.DnsFault.Mode.NONE -> faults.undo(d.path(), Set.of(KernelStep.DNS));
                    case Action.ProviderFault p -> faults.provider(p);
                    case Action.DnsRemove r -> faults.removeRecords(r);
                    case Action.Mark m -> events.add(new ReportEvent(offset(start, Instant.now()), ReportEvent.TYPE_STEP, m.label()));
                    default -> faults.apply(step.action());   // waits: nothing; the next step's instant paces them
                }
            }
            sleepUntil(start.plus(ns.scenario().length()), lab, calls, start, events);
        } finally {
            faults.undoAll();   // nothing the scenario broke outlives it, also when it failed
        }
        boolean up = calls.jobs.stream().anyMatch(j -> j.dialed != null);
        calls.tick(start, events, true);
        if (up) {
            Thread.sleep(500);   // the BYE and its answer reach the capture
        }
        return new Timeline(start, faults, calls);
    }

    /**
     * The kernel faults in force, per uplink and kind, with how to undo each. {@link #cuts} holds
     * when each uplink first lost its signalling (a cut or SIP blocked: detection runs from it),
     * {@link #restores} when that ended.
     */
    private final class Faults {
        final Map<NetnsPlan.Uplink, Instant> cuts = new HashMap<>();
        final Map<NetnsPlan.Uplink, Instant> restores = new HashMap<>();
        final List<LossWindow> lossWindows = new ArrayList<>();
        /** Uplinks whose resolver had a DNS fault; when each uplink's NAT first changed its ports. */
        final java.util.Set<NetnsPlan.Uplink> dnsFaulted = new java.util.LinkedHashSet<>();
        final Map<NetnsPlan.Uplink, Instant> portChanges = new LinkedHashMap<>();
        /** When the first fault of any kind was made: failovers count from it. */
        Instant first;
        private final Map<NetnsPlan.Uplink, Map<String, KernelStep>> active = new LinkedHashMap<>();
        private final Map<NetnsPlan.Uplink, LossWindow> lossSince = new HashMap<>();
        /** Per provider target, when it was first stopped; and the stop in force, with its undo. */
        final Map<String, Instant> providerDown = new LinkedHashMap<>();
        /** Per provider target, when it first ran again. */
        final Map<String, Instant> providerUp = new LinkedHashMap<>();
        private final Map<String, KernelStep> providerActive = new LinkedHashMap<>();
        private final NetnsScenario ns;
        private final NetnsLab lab;
        private final Instant start;
        private final List<ReportEvent> events;

        Faults(NetnsScenario ns, NetnsLab lab, Instant start, List<ReportEvent> events) {
            this.ns = ns;
            this.lab = lab;
            this.start = start;
            this.events = events;
        }

        void apply(Action action) throws LabException {
            String path = pathOf(action);
            if (path == null) {
                return;   // a wait, or a step the adapted scenario kept for another part of the lab
            }
            NetnsPlan.Uplink u = uplink(path);
            long resolver = action instanceof Action.DnsFault ? lab.resolverPid(u) : 0;
            Optional<KernelStep> step;
            try {
                step = KernelStep.of(action, lab.plan(), u, ns.fault(), resolver);
            } catch (IllegalArgumentException e) {
                throw new LabException("the kernel-level lab cannot make " + e.getMessage());
            }
            if (step.isEmpty()) {
                return;
            }
            Map<String, KernelStep> mine = active.computeIfAbsent(u, k -> new LinkedHashMap<>());
            KernelStep earlier = mine.remove(step.get().kind());
            // A stopped resolver answers the queries it held as soon as it runs again: continue it only once
            // the step replacing it is in force, so those answers are held back with the rest.
            boolean held = earlier != null && earlier.undo().equals(NetnsPlan.resolverBack(resolver));
            if (earlier != null && !held) {
                lab.apply(earlier.undo());   // a step sets the whole state of its kind, it does not add to it
            }
            Instant at = lab.apply(step.get().apply());
            if (held) {
                lab.apply(earlier.undo());
            }
            first = first == null ? at : first;
            if (action instanceof Action.Impair i) {
                endLoss(u, at);
                lossSince.put(u, new LossWindow(u, java.math.BigDecimal.valueOf(i.lossPercent()).stripTrailingZeros().toPlainString(),
                        Instant.now(), null));
            }
            if (!step.get().undo().isEmpty()) {
                mine.put(step.get().kind(), step.get());
            }
            if (step.get().kind().equals(KernelStep.CUT) || step.get().kind().equals(KernelStep.SIP)) {
                cuts.putIfAbsent(u, at);
            }
            if (step.get().kind().equals(KernelStep.DNS)) {
                dnsFaulted.add(u);
            }
            if (step.get().kind().equals(KernelStep.PORTS)) {
                portChanges.putIfAbsent(u, at);
            }
            events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_FAULT, path + ": " + step.get().describe()));
        }

        void undo(String path, Set<String> kinds) throws LabException {
            NetnsPlan.Uplink u = uplink(path);
            Map<String, KernelStep> mine = active.getOrDefault(u, new LinkedHashMap<>());
            List<String> undone = new ArrayList<>();
            Instant at = null;
            for (String kind : List.copyOf(mine.keySet()).reversed()) {
                if (kinds.contains(kind)) {
                    Instant t = lab.apply(mine.remove(kind).undo());
                    at = at == null ? t : at;
                    if (kind.equals(KernelStep.LOSS)) {
                        endLoss(u, t);
                    }
                    undone.add(kind);
                }
            }
            if (at == null) {
                return;
            }
            if (cuts.containsKey(u) && !restores.containsKey(u) && !mine.containsKey(KernelStep.CUT)
                    && !mine.containsKey(KernelStep.SIP)) {
                restores.put(u, at);
            }
            events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_RESTORE, path + " restored ("
                    + String.join("; ", undone.stream().map(NetnsRunner::undoneWhat).toList()) + ")"));
        }

        /** A record set taken out of a path's view of the provider zone, for the rest of the run (as in-process). */
        void removeRecords(Action.DnsRemove r) throws LabException, InterruptedException {
            Optional<String> why = KernelStep.whyNot(r);
            if (why.isPresent()) {
                throw new LabException("the kernel-level lab cannot make " + r.describe() + ": " + why.get());
            }
            NetnsPlan.Uplink u = uplink(r.path());
            if (active.getOrDefault(u, Map.of()).containsKey(KernelStep.DNS)) {
                throw new LabException("the kernel-level lab cannot " + r.describe() + " while its resolver fault is in force: "
                        + "removing records restarts the resolver, which would end that fault");
            }
            Instant at = lab.removeRecords(u, KernelStep.recordSet(r));
            first = first == null ? at : first;
            events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_FAULT, r.path() + ": " + KernelStep.recordSet(r)
                    + " removed from the provider zone: the path's dnsmasq restarted without it (now pid " + lab.resolverPid(u)
                    + ")"));
        }

        /** A provider target stopped, or (healthy) continued; a target's later step replaces its earlier one. */
        void provider(Action.ProviderFault p) throws LabException {
            KernelStep earlier = providerActive.remove(p.target());
            if (earlier != null) {
                Instant at = lab.apply(earlier.undo());
                providerUp.putIfAbsent(p.target(), at);
                events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_RESTORE, "provider target " + p.target()
                        + " runs again (its Kamailio continued by SIGCONT)"));
            }
            if (p.mode() == Action.ProviderFault.Mode.HEALTHY) {
                return;
            }
            Optional<KernelStep> step;
            try {
                step = KernelStep.ofProvider(p, lab.providerPids(p.target()));
            } catch (IllegalArgumentException e) {
                throw new LabException("the kernel-level lab cannot make " + e.getMessage());
            }
            if (step.isEmpty()) {
                return;
            }
            Instant at = lab.apply(step.get().apply());
            first = first == null ? at : first;
            providerActive.put(p.target(), step.get());
            providerDown.putIfAbsent(p.target(), at);
            events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_FAULT, step.get().describe()));
        }

        private void endLoss(NetnsPlan.Uplink u, Instant at) {
            LossWindow w = lossSince.remove(u);
            if (w != null) {
                lossWindows.add(new LossWindow(u, w.percent(), w.from(), at));
            }
        }

        /** Best effort: every fault still in force is undone, each command tried even when one fails. */
        void undoAll() {
            for (NetnsPlan.Uplink u : List.copyOf(lossSince.keySet())) {
                endLoss(u, Instant.now());
            }
            for (var e : active.entrySet()) {
                for (KernelStep k : List.copyOf(e.getValue().values()).reversed()) {
                    for (List<String> c : k.undo()) {
                        try {
                            Shell.attempt(c);
                        } catch (LabException ex) {
                            progress.accept("  could not undo " + k.kind() + " on " + e.getKey().siteDevice() + ": "
                                    + ex.getMessage());
                        }
                    }
                }
                e.getValue().clear();
            }
            for (var e : providerActive.entrySet()) {
                for (List<String> c : e.getValue().undo()) {
                    try {
                        Shell.attempt(c);
                    } catch (LabException ex) {
                        progress.accept("  could not continue provider target " + e.getKey() + ": " + ex.getMessage());
                    }
                }
            }
            providerActive.clear();
        }
    }

    private static String undoneWhat(String kind) {
        return switch (kind) {
            case KernelStep.CUT -> "cut ended: link up with its route put back, or the ISP's drop removed";
            case KernelStep.LOSS -> "nft loss rule removed";
            case KernelStep.SIP -> "nft SIP block removed";
            case KernelStep.DNS -> "resolver answering for itself again (SIGCONT, or the DNAT to the fault resolver removed)";
            case KernelStep.PORTS -> "ISP's masquerade as built again";
            default -> kind;
        };
    }

    /** The path a fault step names, or null for a step that names none. */
    private static String pathOf(Action a) {
        return switch (a) {
            case Action.Blackhole b -> b.path();
            case Action.Impair i -> i.path();
            case Action.BlockSip b -> b.path();
            case Action.NatForget n -> n.path();
            case Action.NatPortChange n -> n.path();
            case Action.DnsFault d -> d.path();
            default -> null;
        };
    }

    /** Sleeps until {@code until}, checking every 200 ms that every lab part still runs. */
    private static void sleepUntil(Instant until, NetnsLab lab, Calls calls, Instant start, List<ReportEvent> events)
            throws InterruptedException, LabException {
        while (true) {
            calls.tick(start, events, false);
            Optional<String> dead = lab.deadPart();
            if (dead.isPresent()) {
                throw new LabException("a lab part stopped during the scenario: " + dead.get());
            }
            long ms = Duration.between(Instant.now(), until).toMillis();
            if (ms <= 0) {
                return;
            }
            Thread.sleep(Math.min(ms, 200));
        }
    }

    private NetnsPlan.Uplink uplink(String path) throws LabException {
        int i = pathNames.indexOf(path);
        if (i < 0) {
            throw new LabException("the scenario names path " + path + "; the lab runs " + pathNames);
        }
        return NetnsPlan.UPLINKS.get(i);
    }

    /** What the scenario's run left to measure. */
    record Observed(Instant start, Map<NetnsPlan.Uplink, Instant> faults, Map<NetnsPlan.Uplink, Instant> restores,
                    List<Datagram> wan1, List<Datagram> wan2, List<Datagram> lan, List<CaptureFigures.LabCall> calls,
                    int outboundPlanned) {
        List<Datagram> capture(NetnsPlan.Uplink u) {
            return u.n() == 1 ? wan1 : wan2;
        }
    }

    /** A figure and where it was observed. */
    record Figure(double value, String observedAt, CaptureFigures.Sighting sighting) {
    }

    /** The metrics from the captures, each with its observation point. Pure. */
    static Map<String, Figure> figures(Observed o) {
        Map<String, Figure> out = new LinkedHashMap<>();
        calls(o, out);
        if (o.faults().isEmpty()) {
            return out;
        }
        var first = o.faults().entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        NetnsPlan.Uplink cut = first.getKey();
        Instant fault = first.getValue();
        NetnsPlan.Uplink other = cut.n() == 1 ? NetnsPlan.WAN2 : NetnsPlan.WAN1;
        String otherAt = where(other);
        CaptureFigures.firstMove(o.capture(other), other.siteAddress(), fault).ifPresent(s ->
                out.put(Metrics.DETECTION_S, new Figure(CaptureFigures.seconds(fault, s), otherAt, s)));
        Optional<CaptureFigures.Sighting> moved = CaptureFigures.firstRegisterOk(o.capture(other), other.siteAddress(), fault);
        moved.ifPresent(s -> out.put(Metrics.REGISTRATION_RECOVERY_S,
                new Figure(CaptureFigures.seconds(fault, s), otherAt, s)));
        Instant restored = o.restores().get(cut);
        if (restored != null && moved.isPresent()) {
            Instant from = restored.isAfter(moved.get().at()) ? restored : moved.get().at();
            CaptureFigures.firstRegisterOk(o.capture(cut), cut.siteAddress(), from).ifPresent(s ->
                    out.put(Metrics.FAILBACK_S, new Figure(CaptureFigures.seconds(restored, s), where(cut), s)));
        }
        return out;
    }

    /**
     * The provider fault's figures: with a target stopped, the trunk's registration recovery is the
     * first 200 OK to a REGISTER from another target reaching the site (either uplink's capture),
     * counted from the stop. Empty when no target was stopped. Pure.
     */
    static Map<String, Figure> providerFigures(List<Datagram> wan1, List<Datagram> wan2, Map<String, Instant> down) {
        Map<String, Figure> out = new LinkedHashMap<>();
        var first = down.entrySet().stream().min(Map.Entry.comparingByValue());
        if (first.isEmpty()) {
            return out;
        }
        String stopped = NetnsPlan.providerTarget(first.get().getKey()).address();
        Instant fault = first.get().getValue();
        Figure best = null;
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            List<Datagram> capture = u.n() == 1 ? wan1 : wan2;
            for (Datagram d : capture) {
                if (!d.at().isBefore(fault) && d.destination().equals(u.siteAddress()) && !d.source().equals(stopped)
                        && NetnsPlan.PROVIDER_TARGETS.stream().anyMatch(t -> t.address().equals(d.source())) && d.isRegisterOk()) {
                    CaptureFigures.Sighting s = new CaptureFigures.Sighting(d.at(), "200 OK (REGISTER) from the other provider "
                            + "target " + d.source() + ":" + d.sourcePort() + " to " + d.destination() + ":" + d.destinationPort());
                    if (best == null || s.at().isBefore(best.sighting().at())) {
                        best = new Figure(CaptureFigures.seconds(fault, s), where(u), s);
                    }
                    break;
                }
            }
        }
        if (best != null) {
            out.put(Metrics.REGISTRATION_RECOVERY_S, best);
        }
        return out;
    }

    /**
     * What the provider side saw after a target stopped (inet.pcap): the first REGISTER and the
     * first INVITE from the site that reached another target, as report events.
     */
    static void providerEvents(List<Datagram> inet, Map<String, Instant> down, Instant start, List<ReportEvent> events) {
        var first = down.entrySet().stream().min(Map.Entry.comparingByValue());
        if (first.isEmpty()) {
            return;
        }
        String stopped = NetnsPlan.providerTarget(first.get().getKey()).address();
        for (String method : List.of("REGISTER", "INVITE")) {
            inet.stream().filter(d -> !d.at().isBefore(first.get().getValue()) && !d.destination().equals(stopped)
                            && d.source().startsWith("100.64.") && d.sipMethod().filter(method::equals).isPresent()
                            && NetnsPlan.PROVIDER_TARGETS.stream().anyMatch(t -> t.address().equals(d.destination())))
                    .findFirst().ifPresent(d -> events.add(new ReportEvent(offset(start, d.at()), method.equals("REGISTER")
                            ? ReportEvent.TYPE_REGISTERED : ReportEvent.TYPE_CALL,
                            "the site's first " + method + " to the other provider target " + d.destination() + " (from "
                                    + d.source() + ", after the ISP's NAT) — capture in inet, inet.pcap")));
        }
    }

    /**
     * Once a stopped target ran again: the first 200 OK to a REGISTER from it reaching the site
     * (the trunk back on the preferred target), or that none came before the scenario's end. An
     * event only: the built-in scenario sets no target for it.
     */
    static void providerBackEvents(List<Datagram> wan1, List<Datagram> wan2, Map<String, Instant> up, Instant start,
                                   List<ReportEvent> events) {
        for (var e : up.entrySet()) {
            String address = NetnsPlan.providerTarget(e.getKey()).address();
            Optional<ReportEvent> back = Optional.empty();
            for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
                for (Datagram d : u.n() == 1 ? wan1 : wan2) {
                    if (!d.at().isBefore(e.getValue()) && d.source().equals(address) && d.destination().equals(u.siteAddress())
                            && d.isRegisterOk()) {
                        ReportEvent r = new ReportEvent(offset(start, d.at()), ReportEvent.TYPE_REGISTERED, String.format(Locale.ROOT,
                                "the trunk registered with %s (%s) again, %.2f s after it ran again — %s", e.getKey(), address,
                                Duration.between(e.getValue(), d.at()).toMillis() / 1000.0, where(u)));
                        if (back.isEmpty() || r.atOffsetMillis() < back.get().atOffsetMillis()) {
                            back = Optional.of(r);
                        }
                        break;
                    }
                }
            }
            events.add(back.orElse(new ReportEvent(offset(start, e.getValue()), ReportEvent.TYPE_STEP, "no 200 OK to a REGISTER "
                    + "from " + e.getKey() + " (" + address + ") reached the site after it ran again, until the scenario's end "
                    + "— captures wan1.pcap and wan2.pcap")));
        }
    }

    /**
     * The calls' figures, from the capture on the phones' veth (inbound attempts from the ISP-side
     * captures): attempted, answered, failed, setup time, dropped, audio gap, one-way audio, and
     * for inbound calls delivered and caller ID as presented to the phone.
     */
    private static void calls(Observed o, Map<String, Figure> out) {
        if (o.calls().isEmpty() && o.outboundPlanned() == 0) {
            return;
        }
        String at = "capture at the phones' veth lan0, lan.pcap";
        List<Datagram> uplinks = new ArrayList<>(o.wan1());
        uplinks.addAll(o.wan2());
        uplinks.sort(java.util.Comparator.comparing(Datagram::at));
        List<CaptureFigures.CallSeen> seen = CaptureFigures.calls(o.calls(), o.lan(), uplinks, NetnsLab.PHONE_ADDRESSES,
                PROVIDER_ADDRESSES);
        List<CaptureFigures.CallSeen> outbound = seen.stream()
                .filter(c -> c.call().direction() == CaptureFigures.Direction.OUTBOUND).toList();
        List<CaptureFigures.CallSeen> inbound = seen.stream()
                .filter(c -> c.call().direction() == CaptureFigures.Direction.INBOUND).toList();
        Instant first = o.calls().isEmpty() ? o.start() : o.calls().get(0).dialed();
        CaptureFigures.Sighting timeline = new CaptureFigures.Sighting(first, "the scenario's timeline");
        if (o.outboundPlanned() > 0) {
            out.put(Metrics.CALLS_PLANNED, new Figure(o.outboundPlanned(), "the scenario's timeline", timeline));
            count(out, Metrics.CALLS_ATTEMPTED, outbound, CaptureFigures.CallSeen::attempted, at, timeline);
            count(out, Metrics.CALLS_COMPLETED, outbound, CaptureFigures.CallSeen::answered, at, timeline);
            List<CaptureFigures.CallSeen> failed = outbound.stream().filter(c -> c.answered().isEmpty()).toList();
            out.put(Metrics.CALLS_FAILED, new Figure(failed.size(), at, failed.stream().map(c -> c.failure()
                    .or(c::attempted)).flatMap(Optional::stream).findFirst().orElse(timeline)));
            CaptureFigures.p95(outbound.stream().flatMap(c -> c.setupMs().stream()).toList()).ifPresent(p ->
                    out.put(Metrics.CALL_SETUP_P95_MS, new Figure(p, at + ": the phone's INVITE to the 200 OK it got",
                            outbound.stream().flatMap(c -> c.answered().stream()).findFirst().orElse(timeline))));
        }
        if (!inbound.isEmpty()) {
            out.put(Metrics.INBOUND_PLANNED, new Figure(inbound.size(), "the scenario's timeline", timeline));
            count(out, Metrics.INBOUND_ATTEMPTED, inbound, CaptureFigures.CallSeen::attempted,
                    "captures at the ISPs' veths site1/site2 (wan1.pcap, wan2.pcap)", timeline);
            count(out, Metrics.INBOUND_DELIVERED, inbound, CaptureFigures.CallSeen::answered, at, timeline);
            List<CaptureFigures.CallSeen> wrong = inbound.stream().filter(CaptureFigures.CallSeen::callerIdWrong).toList();
            CaptureFigures.Sighting shown = (wrong.isEmpty() ? inbound : wrong).stream().filter(c -> c.answered().isPresent())
                    .findFirst().map(c -> new CaptureFigures.Sighting(c.answered().get().at(), "caller ID as presented to the phone: "
                            + c.presented().orElse("(no From)") + " (expected to show " + c.call().expectedCallerId() + ")"))
                    .orElse(timeline);
            out.put(Metrics.CALLER_ID_WRONG, new Figure(wrong.size(), at + ": the From of the INVITE the phone answered", shown));
        }
        List<CaptureFigures.CallSeen> answered = seen.stream().filter(c -> c.answered().isPresent()).toList();
        if (answered.isEmpty()) {
            return;   // nothing connected: nothing to judge audio or survival by
        }
        List<CaptureFigures.CallSeen> dropped = answered.stream().filter(c -> c.bye().isPresent()).toList();
        out.put(Metrics.CALLS_DROPPED, new Figure(dropped.size(), at, dropped.isEmpty()
                ? new CaptureFigures.Sighting(answered.get(0).answered().orElseThrow().at(),
                        answered.size() + " call(s) answered; no BYE reached a phone before its planned end")
                : dropped.get(0).bye().orElseThrow()));
        answered.stream().flatMap(c -> c.gap().stream()).max(java.util.Comparator.comparingDouble(CaptureFigures.Gap::seconds))
                .ifPresent(g -> out.put(Metrics.AUDIO_GAP_S, new Figure(g.seconds(), at, g.end())));
        List<CaptureFigures.CallSeen> oneWay = answered.stream().filter(CaptureFigures.CallSeen::oneWay).toList();
        out.put(Metrics.ONE_WAY_AUDIO_CALLS, new Figure(oneWay.size(), at + ": RTP to and from each answering phone's port",
                (oneWay.isEmpty() ? answered : oneWay).get(0).answered().orElseThrow()));
    }

    /** One line per inbound call: which phone answered it and the caller ID it was shown, or that none did. */
    static List<ReportEvent> inboundEvents(Observed o) {
        List<Datagram> uplinks = new ArrayList<>(o.wan1());
        uplinks.addAll(o.wan2());
        uplinks.sort(java.util.Comparator.comparing(Datagram::at));
        List<ReportEvent> out = new ArrayList<>();
        for (CaptureFigures.CallSeen c : CaptureFigures.calls(o.calls(), o.lan(), uplinks, NetnsLab.PHONE_ADDRESSES,
                PROVIDER_ADDRESSES)) {
            if (c.call().direction() != CaptureFigures.Direction.INBOUND) {
                continue;
            }
            String line = c.answered().map(a -> "inbound call to " + c.call().did() + ": " + a.what().replaceFirst(" to the gateway's.*", "")
                            + "; caller ID shown " + c.presented().orElse("(no From)") + (c.callerIdWrong()
                            ? " — expected " + c.call().expectedCallerId() : "") + (c.bye().isPresent() ? "; dropped" : ""))
                    .orElse("inbound call to " + c.call().did() + ": no phone answered");
            Instant at = c.answered().map(CaptureFigures.Sighting::at).orElse(c.call().dialed());
            out.add(new ReportEvent(offset(o.start(), at), ReportEvent.TYPE_CALL, line + " — capture at the phones' veth lan0, lan.pcap"));
        }
        return out;
    }

    private static void count(Map<String, Figure> out, String metric, List<CaptureFigures.CallSeen> calls,
                              java.util.function.Function<CaptureFigures.CallSeen, Optional<CaptureFigures.Sighting>> what,
                              String at, CaptureFigures.Sighting otherwise) {
        List<CaptureFigures.Sighting> s = calls.stream().map(what).flatMap(Optional::stream).toList();
        out.put(metric, new Figure(s.size(), at, s.isEmpty() ? otherwise : s.get(0)));
    }

    /**
     * Failovers from the scenario's first fault (of any kind) on, read from both uplinks' captures;
     * none when the signalling was on wan2 already before it (the scenario's precondition, signalling
     * on wan1 when the faults begin, did not hold: nothing the faults caused can be told). Pure.
     */
    static Optional<Figure> failovers(List<Datagram> wan1, List<Datagram> wan2, Instant firstFault) {
        CaptureFigures.Moves moves = CaptureFigures.movesAway(wan1, NetnsPlan.WAN1.siteAddress(), wan2,
                NetnsPlan.WAN2.siteAddress(), firstFault);
        if (moves.awayBefore().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Figure(moves.count(), "captures at both ISPs' site-facing veths, wan1.pcap and wan2.pcap",
                moves.first().orElse(new CaptureFigures.Sighting(firstFault, "the first fault; no SIP request but OPTIONS "
                        + "probes moved to wan2 after it"))));
    }

    /** The observation point of an uplink's figures, as the report names it. */
    static String where(NetnsPlan.Uplink u) {
        return "capture at isp" + u.n() + "'s veth " + u.ispDevice() + ", " + u.siteDevice() + ".pcap";
    }

    /**
     * What the kernel's random loss did, as the captures on either side of the ISP saw it: per
     * loss step, down (inet.pcap → wanN.pcap) and up (wanN.pcap → inet.pcap). Empty without loss.
     */
    private static String lossSeen(Faults faults, NetnsLab lab) throws LabException {
        if (faults.lossWindows.isEmpty()) {
            return "";
        }
        List<Datagram> inet = lab.capturedInet();
        List<String> out = new ArrayList<>();
        for (LossWindow w : faults.lossWindows) {
            NetnsPlan.Uplink u = w.uplink();
            List<Datagram> wan = lab.captured(u);
            CaptureFigures.Loss down = CaptureFigures.loss(inet, d -> d.destination().equals(u.publicAddress()), wan,
                    d -> d.destination().equals(u.siteAddress()), w.from(), w.to());
            CaptureFigures.Loss up = CaptureFigures.loss(wan, d -> d.source().equals(u.siteAddress()), inet,
                    d -> d.source().equals(u.publicAddress()), w.from(), w.to());
            out.add(String.format(Locale.ROOT, "%s loss configured %s %%, observed down %.1f %% (%d of %d packets, inet.pcap → %s.pcap), "
                            + "up %.1f %% (%d of %d, %s.pcap → inet.pcap)", u.siteDevice(), w.percent(), down.percent(),
                    down.sent() - down.delivered(), down.sent(), u.siteDevice(), up.percent(), up.sent() - up.delivered(), up.sent(),
                    u.siteDevice()));
        }
        return " Kernel loss as captured: " + String.join("; ", out) + ".";
    }

    /** A stretch of random loss the kernel made on an uplink. */
    private record LossWindow(NetnsPlan.Uplink uplink, String percent, Instant from, Instant to) {
    }

    /** Each site phone's recordings scored, paired with its calls in the LAN capture. */
    private static HeardFigures.Read heard(NetnsLab lab, Optional<NetnsLab.CallPlan> calls, Observed o) throws LabException {
        Map<String, List<Path>> recordings = new LinkedHashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (String ext : calls.map(NetnsLab.CallPlan::extensions).orElse(List.of()).stream().distinct().toList()) {
            Optional<LabPhone> phone = lab.phone(ext);
            if (phone.isPresent()) {
                recordings.put(ext, phone.get().recordings());
                addresses.put(ext, NetnsLab.phoneAddress(lab.phoneIndex(ext)));
            }
        }
        List<Datagram> uplinks = new ArrayList<>(o.wan1());
        uplinks.addAll(o.wan2());
        uplinks.sort(java.util.Comparator.comparing(Datagram::at));
        return HeardFigures.read(recordings, addresses, CaptureFigures.calls(o.calls(), o.lan(), uplinks,
                NetnsLab.PHONE_ADDRESSES, PROVIDER_ADDRESSES), java.time.ZoneId.systemDefault());
    }

    private ScenarioReport report(NetnsScenario ns, Observed o, Optional<Figure> failovers, Map<String, Figure> provider,
                                  List<ReportEvent> events, Path dir, String lossSeen, List<HeardFigures.Heard> heard) {
        Map<String, Figure> figures = figures(o);
        provider.forEach(figures::putIfAbsent);
        HeardFigures.figures(heard, figures, new CaptureFigures.Sighting(o.start(), "the scenario's start"));
        failovers.ifPresent(f -> figures.put(Metrics.FAILOVERS, f));
        Map<String, Double> values = new LinkedHashMap<>();
        figures.forEach((k, f) -> values.put(k, f.value()));
        ScenarioResult judged = ScenarioResult.judge(ns.scenario(), Metrics.of(values));
        List<SloLine> lines = new ArrayList<>();
        for (SloResult r : judged.slos()) {
            Figure f = figures.get(r.slo().metric());
            String measured = f == null ? SloLine.NOT_MEASURED + " (nothing in the captures)"
                    : Figures.metric(r.slo().metric(), f.value()) + " (" + f.observedAt() + ")";
            lines.add(new SloLine(r.slo().name(), r.slo().describeTarget(), measured, r.pass()));
        }
        List<ReportEvent> all = new ArrayList<>(events);
        figures.forEach((metric, f) -> {
            String type = switch (metric) {
                case Metrics.DETECTION_S -> ReportEvent.TYPE_FAILOVER;
                case Metrics.REGISTRATION_RECOVERY_S, Metrics.FAILBACK_S -> ReportEvent.TYPE_REGISTERED;
                case Metrics.CALLS_PLANNED, Metrics.INBOUND_PLANNED -> null;   // the dial steps are events already
                case Metrics.FAILOVERS -> f.value() > 0 && !figures.containsKey(Metrics.DETECTION_S) ? ReportEvent.TYPE_FAILOVER : null;
                case Metrics.ONE_WAY_AUDIO_CALLS, Metrics.CALLS_COMPLETED -> null;   // the answer is an event already
                case Metrics.LOSS_HEARD_PHONE_PCT, Metrics.AUDIO_GAP_HEARD_PHONE_S -> null;   // the MOS heard's event says them
                default -> ReportEvent.TYPE_CALL;
            };
            if (type != null) {
                all.add(new ReportEvent(offset(o.start(), f.sighting().at()), type, f.sighting().what() + " — " + f.observedAt()));
            }
        });
        all.addAll(inboundEvents(o));
        all.sort(java.util.Comparator.comparingLong(ReportEvent::atOffsetMillis));
        ScenarioReport r = ScenarioReport.completed(ns.name(), values, lines, all, series(o));
        List<String> made = events.stream().filter(e -> e.type().equals(ReportEvent.TYPE_FAULT)).map(ReportEvent::summary).toList();
        String reading = Reading.of(r) + " Kernel-level lab: " + (made.isEmpty() ? "no fault was made" : String.join("; ", made))
                + "; figures read from the ISP-side captures in " + dir + "."
                + lossSeen + (ns.left().isEmpty() ? "" : " Left out here: " + String.join("; ", ns.left()) + ".");
        return r.withReading(reading);
    }

    /** Each path's state as the lab set it (up, cut, restored), under the site's path name. */
    private List<Series> series(Observed o) {
        List<Series> out = new ArrayList<>();
        for (NetnsPlan.Uplink u : NetnsPlan.UPLINKS) {
            List<Series.Point> points = new ArrayList<>();
            points.add(new Series.Point(0, 1));
            Instant f = o.faults().get(u);
            if (f != null) {
                points.add(new Series.Point(offset(o.start(), f), 0));
                Instant r = o.restores().get(u);
                if (r != null) {
                    points.add(new Series.Point(offset(o.start(), r), 1));
                }
            }
            out.add(Series.pathState(pathNames.get(u.n() - 1), points));
        }
        return out;
    }

    private static long offset(Instant start, Instant at) {
        return Math.max(0, Duration.between(start, at).toMillis());
    }

    /** Writes the list of built-in scenarios that stay in-process, and why, next to the captures. */
    public static Path writeInProcessOnly(Path work) throws IOException {
        Files.createDirectories(work);
        StringBuilder b = new StringBuilder("Built-in scenarios that stay in the in-process lab (lifeline drill without --netns), and why:\n");
        NetnsSuite.inProcessOnly().forEach((name, why) -> b.append("  ").append(name).append(": ").append(why).append('\n'));
        return Files.writeString(work.resolve("in-process-only.txt"), b.toString());
    }
}
