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
                    s.scenario().length().toSeconds(), s.fault().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            ScenarioReport r = runOne(s);
            progress.accept(String.format("[%d/%d] %s: %s", n, scenarios.size(), s.name(),
                    r.verdict().jsonName() + r.error().map(e -> " — " + e).orElse("")));
            reports.add(r);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("Kernel-level lab (drill --netns): namespaces site, isp1, isp2, inet, lan; Kamailio as the provider, "
                + "dnsmasq per path; figures read from tcpdump captures on each ISP's site-facing veth, kept in " + work + ".");
        NetnsSuite.inProcessOnly().forEach((name, why) -> notes.add("Stays in-process: " + name + " — " + why + "."));
        return new DrillReport(suite, started, configName, reports, notes);
    }

    private ScenarioReport runOne(NetnsScenario ns) {
        Scenario scenario = ns.scenario();
        Path dir = work.resolve(scenario.name());
        NetnsPlan plan = NetnsPlan.of(ProcessHandle.current().pid(), ThreadLocalRandom.current().nextInt(1 << 16));
        boolean reflector = LabSite.wantsReflector(siteYaml)
                && !scenario.setting(Scenario.REFLECTOR).map("none"::equalsIgnoreCase).orElse(false);
        List<ReportEvent> events = new ArrayList<>();
        Optional<NetnsLab.CallPlan> calls = scenario.timeline().stream().map(Step::action)
                .filter(a -> a instanceof Action.PlaceCalls).map(a -> (Action.PlaceCalls) a).findFirst()
                .map(p -> new NetnsLab.CallPlan(p.from().get(0), p.to()));
        try (NetnsLab lab = NetnsLab.start(plan, dir, launcher, siteYaml, reflector, calls, progress)) {
            Timeline t = execute(ns, lab, events);
            Observed o = new Observed(t.start, t.faults, t.restores, lab.captured(NetnsPlan.WAN1), lab.captured(NetnsPlan.WAN2),
                    lab.capturedLan(), Optional.ofNullable(t.call.dialed).map(d -> new CallTimes(d, t.call.hungUp)));
            return report(ns, o, events, dir);
        } catch (LabException e) {
            return ScenarioReport.failedToRun(scenario.name(), e.getMessage(), events, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScenarioReport.failedToRun(scenario.name(), "interrupted", events, List.of());
        } catch (RuntimeException e) {
            return ScenarioReport.failedToRun(scenario.name(), "the run failed: " + e, events, List.of());
        }
    }

    /** When the scenario started, and per uplink when its fault began and ended. */
    private record Timeline(Instant start, Map<NetnsPlan.Uplink, Instant> faults, Map<NetnsPlan.Uplink, Instant> restores,
                            Call call) {
    }

    /** The lab phone's one call: when it dialled, when it is due to hang up, when it did. */
    private static final class Call {
        Instant dialed;
        Instant due;
        Instant hungUp;

        /** Hangs up when due (also when {@code force}: the scenario ended). */
        void hangUpIfDue(NetnsLab lab, boolean force) throws LabException {
            if (dialed != null && hungUp == null && (force || !Instant.now().isBefore(due))) {
                hungUp = Instant.now();
                lab.phone().orElseThrow().command("/hangup");
            }
        }
    }

    /** When the call was placed and ended by the phone (the window its audio is judged in). */
    record CallTimes(Instant dialed, Instant hungUp) {
    }

    private Timeline execute(NetnsScenario ns, NetnsLab lab, List<ReportEvent> events)
            throws LabException, InterruptedException {
        Instant start = Instant.now();
        Map<NetnsPlan.Uplink, Instant> faults = new HashMap<>();
        Map<NetnsPlan.Uplink, Instant> restores = new HashMap<>();
        NetnsPlan plan = lab.plan();
        Call call = new Call();
        for (Step step : ns.scenario().timeline()) {
            sleepUntil(start.plus(step.at()), lab, call);
            switch (step.action()) {
                case Action.PlaceCalls p -> {
                    call.dialed = Instant.now();
                    call.due = call.dialed.plus(p.duration());
                    lab.phone().orElseThrow(() -> new LabException("no lab phone to place the call from")).command("/dial " + p.to());
                    events.add(new ReportEvent(offset(start, call.dialed), ReportEvent.TYPE_CALL, "phone " + p.from().get(0)
                            + " (baresip in lan) dials " + p.to() + " for " + p.duration().toSeconds() + " s"));
                }
                case Action.Blackhole b when b.down() -> {
                    NetnsPlan.Uplink u = uplink(b.path());
                    Instant at = lab.apply(ns.fault() == KernelFault.LINK_DOWN ? plan.linkDown(u) : plan.silentCut(u));
                    faults.putIfAbsent(u, at);
                    events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_FAULT, b.path() + ": "
                            + ns.fault().describe(ns.fault() == KernelFault.LINK_DOWN ? u.siteDevice() : plan.isp(u))));
                }
                case Action.Blackhole b -> restore(ns, lab, uplink(b.path()), b.path(), faults, restores, start, events);
                case Action.Restore r -> restore(ns, lab, uplink(r.path()), r.path(), faults, restores, start, events);
                case Action.Mark m -> events.add(new ReportEvent(offset(start, Instant.now()), ReportEvent.TYPE_STEP, m.label()));
                default -> { }   // waits: the next step's instant, or the end, paces them
            }
        }
        sleepUntil(start.plus(ns.scenario().length()), lab, call);
        call.hangUpIfDue(lab, true);
        if (call.hungUp != null) {
            events.add(new ReportEvent(offset(start, call.hungUp), ReportEvent.TYPE_CALL, "the phone hangs up"));
            Thread.sleep(500);   // the BYE and its answer reach the capture
        }
        return new Timeline(start, faults, restores, call);
    }

    private void restore(NetnsScenario ns, NetnsLab lab, NetnsPlan.Uplink u, String path, Map<NetnsPlan.Uplink, Instant> faults,
                         Map<NetnsPlan.Uplink, Instant> restores, Instant start, List<ReportEvent> events) throws LabException {
        if (!faults.containsKey(u) || restores.containsKey(u)) {
            return;
        }
        NetnsPlan plan = lab.plan();
        Instant at = lab.apply(ns.fault() == KernelFault.LINK_DOWN ? plan.linkUp(u) : plan.silentCutEnd(u));
        restores.put(u, at);
        events.add(new ReportEvent(offset(start, at), ReportEvent.TYPE_RESTORE, path + " restored ("
                + (ns.fault() == KernelFault.LINK_DOWN ? "ip link set " + u.siteDevice() + " up, route put back" : "nft rule removed")
                + ")"));
    }

    /** Sleeps until {@code until}, checking every 200 ms that every lab part still runs. */
    private static void sleepUntil(Instant until, NetnsLab lab, Call call) throws InterruptedException, LabException {
        while (true) {
            call.hangUpIfDue(lab, false);
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
                    List<Datagram> wan1, List<Datagram> wan2, List<Datagram> lan, Optional<CallTimes> call) {
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
        o.call().ifPresent(c -> call(o, c, out));
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

    /** The call's figures, from the capture on the phone's veth: audio gap and whether the call was dropped. */
    private static void call(Observed o, CallTimes c, Map<String, Figure> out) {
        String at = "capture at the phone's veth lan0, lan.pcap";
        CaptureFigures.Sighting dial = new CaptureFigures.Sighting(c.dialed(), "the lab told the phone to dial");
        out.put(Metrics.CALLS_PLANNED, new Figure(1, "the scenario's timeline", dial));
        Optional<CaptureFigures.Sighting> invite = o.lan().stream()
                .filter(d -> !d.at().isBefore(c.dialed()) && d.source().equals(NetnsPlan.PHONE_LAN)
                        && d.sipMethod().filter("INVITE"::equals).isPresent())
                .findFirst().map(d -> new CaptureFigures.Sighting(d.at(), "INVITE from the phone to " + d.destination()));
        out.put(Metrics.CALLS_ATTEMPTED, new Figure(invite.isPresent() ? 1 : 0, at, invite.orElse(dial)));
        Optional<CaptureFigures.Sighting> answered = CaptureFigures.answered(o.lan(), NetnsPlan.PHONE_LAN, c.dialed());
        if (answered.isEmpty() || c.hungUp() == null) {
            return;   // never connected: nothing to judge its audio or its survival by
        }
        Optional<CaptureFigures.Sighting> bye = CaptureFigures.byeToPhone(o.lan(), NetnsPlan.PHONE_LAN, answered.get().at(), c.hungUp());
        Instant end = bye.map(CaptureFigures.Sighting::at).orElse(c.hungUp());
        CaptureFigures.audioGap(o.lan(), NetnsPlan.PHONE_LAN, answered.get().at(), end).ifPresent(g ->
                out.put(Metrics.AUDIO_GAP_S, new Figure(g.seconds(), at, g.end())));
        out.put(Metrics.CALLS_DROPPED, new Figure(bye.isPresent() ? 1 : 0, at, bye.orElse(
                new CaptureFigures.Sighting(answered.get().at(), "call answered; no BYE reached the phone before it hung up"))));
    }

    /** The observation point of an uplink's figures, as the report names it. */
    static String where(NetnsPlan.Uplink u) {
        return "capture at isp" + u.n() + "'s veth " + u.ispDevice() + ", " + u.siteDevice() + ".pcap";
    }

    private ScenarioReport report(NetnsScenario ns, Observed o, List<ReportEvent> events, Path dir) {
        Map<String, Figure> figures = figures(o);
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
                case Metrics.CALLS_PLANNED -> null;   // the dial step is an event already
                default -> ReportEvent.TYPE_CALL;
            };
            if (type != null) {
                all.add(new ReportEvent(offset(o.start(), f.sighting().at()), type, f.sighting().what() + " — " + f.observedAt()));
            }
        });
        all.sort(java.util.Comparator.comparingLong(ReportEvent::atOffsetMillis));
        ScenarioReport r = ScenarioReport.completed(ns.name(), values, lines, all, series(o));
        String reading = Reading.of(r) + " Kernel-level lab: " + ns.fault().describe("the path") + "; figures read from "
                + "the ISP-side captures in " + dir + "."
                + (ns.left().isEmpty() ? "" : " Left out here: " + String.join("; ", ns.left()) + ".");
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
