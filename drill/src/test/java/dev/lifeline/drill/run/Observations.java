package dev.lifeline.drill.run;

import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.drill.run.ScenarioRun.Applied;
import dev.lifeline.drill.run.ScenarioRun.Observed;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Slo;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.media.jitter.PlayoutInterval;
import dev.lifeline.media.jitter.PlayoutReport;
import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.PlayoutQuality;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synthetic observations of a run for {@link Measurements}: a scenario's timeline as the lab
 * would have applied it (each step exactly at its offset from {@link #T0}), and calls, gateway
 * events, provider and WAN observations added by hand.
 */
final class Observations {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    /** The paths' public (NAT) addresses, as the lab numbers them. */
    static final Map<String, java.net.InetAddress> WAN_ADDRESSES = Map.of("wan1", ip("127.0.0.31"), "wan2", ip("127.0.0.32"));

    private final Scenario scenario;
    private final List<Applied> applied = new ArrayList<>();
    private final List<CallOutcome> calls = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<ProviderObservation> provider = new ArrayList<>();
    private final List<PathPacket> wan = new ArrayList<>();
    private final List<ScenarioRun.HoldAttempt> holds = new ArrayList<>();
    private final Map<String, dev.lifeline.drill.lab.phone.CallResult> phoneResults = new java.util.LinkedHashMap<>();
    private Instant end;
    private StormOutcome storm;
    private ScenarioRun.LanCounts lan = ScenarioRun.LanCounts.NONE;
    private Optional<Instant> restartedAt = Optional.empty();
    private Optional<Integer> bindingsAfterRestart = Optional.empty();
    private final Map<String, Optional<Instant>> reregistered = new java.util.LinkedHashMap<>();

    private Observations(Scenario scenario) {
        this.scenario = scenario;
        for (Step s : scenario.timeline()) {
            applied.add(new Applied(T0.plus(s.at()), s.action()));
        }
        end = T0.plus(scenario.length());
    }

    static Observations of(Scenario scenario) {
        return new Observations(scenario);
    }

    /** A scenario of these steps, checking only that no call dropped. */
    static Observations of(Step... steps) {
        return new Observations(new Scenario("synthetic", "steps made up for a test", List.of(steps),
                List.of(Slo.equalTo("calls dropped", dev.lifeline.drill.scenario.Metrics.CALLS_DROPPED, 0, "calls")),
                Map.of()));
    }

    static Step at(double seconds, Action action) {
        return new Step(Duration.ofMillis(Math.round(seconds * 1000)), action);
    }

    static Instant t(double seconds) {
        return T0.plus(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    Observations call(CallOutcome call) {
        calls.add(call);
        return this;
    }

    Observations event(Event event) {
        events.add(event);
        return this;
    }

    Observations provider(ProviderObservation observation) {
        provider.add(observation);
        return this;
    }

    /** The gateway restarted at {@code at}, with {@code bindings} of the 10 phones' bindings found after it. */
    Observations restarted(double at, int bindings) {
        restartedAt = Optional.of(t(at));
        bindingsAfterRestart = Optional.of(bindings);
        return this;
    }

    /** A phone's first registration after the restart, at {@code at}; a negative time for none. */
    Observations reregistered(String extension, double at) {
        reregistered.put(extension, at < 0 ? Optional.empty() : Optional.of(t(at)));
        return this;
    }

    /** A packet on a path's WAN link. */
    Observations packet(String path, double at, dev.lifeline.drill.lab.wan.Direction direction, PathPacket.Kind kind,
                        String detail) {
        wan.add(new PathPacket(path, t(at), direction, kind, detail, false));
        return this;
    }

    /** The site's packet showing it uses {@code path}: a REGISTER leaving through it. */
    Observations registerSent(String path, double at) {
        return packet(path, at, dev.lifeline.drill.lab.wan.Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "REGISTER");
    }

    /** The provider's 200 to a trunk REGISTER that came through {@code path}'s NAT, to target sip1. */
    Observations registerAccepted(String path, double at) {
        return provider(new ProviderObservation.RegisterAccepted(t(at), "sip1", dev.lifeline.sip.transport.Transport.UDP,
                new java.net.InetSocketAddress(WAN_ADDRESSES.get(path), 40000), "trunk-" + at, List.of(), 120));
    }

    static java.net.InetAddress ip(String text) {
        try {
            return java.net.InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    Observations storm(StormOutcome outcome) {
        storm = outcome;
        return this;
    }

    Observations lan(ScenarioRun.LanCounts counts) {
        lan = counts;
        return this;
    }

    /** A hold of the timeline, as the phone carried it out. */
    Observations hold(String callId, double at, boolean held, boolean resumed) {
        holds.add(new ScenarioRun.HoldAttempt("1001", callId, t(at), held, resumed));
        return this;
    }

    /** What the phone reported for call {@code callId}. */
    Observations phoneResult(dev.lifeline.drill.lab.phone.CallResult result) {
        phoneResults.put(result.callId(), result);
        return this;
    }

    Observations endingAt(double seconds) {
        end = t(seconds);
        return this;
    }

    Observed observed() {
        return new Observed(scenario, T0, end, List.copyOf(applied), List.copyOf(calls), List.of(), List.copyOf(events),
                List.copyOf(provider), Map.of(), restartedAt, bindingsAfterRestart, 10, Map.copyOf(reregistered), site(),
                wan.stream().sorted(java.util.Comparator.comparing(PathPacket::at)).toList(), WAN_ADDRESSES,
                java.util.Optional.ofNullable(storm), lan, List.copyOf(holds), Map.copyOf(phoneResults));
    }

    static SiteConfig site() {
        try {
            return SiteConfigLoader.load(Path.of("../examples/site.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException("the example site does not load: " + e.getMessage(), e);
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    /**
     * An outbound call to an outside number answered {@code setup} s after {@code at}, held its
     * planned {@code seconds}, whose phone heard {@code concealed} of its frames missing (random
     * loss: burst ratio 1) with a 40 ms network delay.
     */
    static CallOutcome heard(double at, double setup, double seconds, int concealed) {
        int frames = (int) Math.round(seconds * 50);
        return answered(CallOutcome.Kind.OUTBOUND, "+15557000", at, setup, seconds, seconds, false,
                Optional.of(quality(frames - concealed, concealed)));
    }

    /** An answered call held {@code talk} s of {@code planned} s, with {@code quality} heard. */
    static CallOutcome answered(CallOutcome.Kind kind, String to, double at, double setup, double planned, double talk,
                                boolean dropped, Optional<PlayoutQuality> quality) {
        return new CallOutcome(kind, to, t(at), seconds(planned), Optional.of(seconds(setup)),
                Optional.of(seconds(talk)), Optional.empty(), Optional.empty(), dropped,
                quality.map(q -> q.playout().received() == 0 ? 1.0 : q.mos()), quality.map(PlayoutQuality::audioGap),
                quality.isEmpty() || quality.get().playout().received() == 0, Optional.empty(), "",
                quality.map(q -> q.playout().timeline()).orElse(List.of()), false, quality);
    }

    static CallOutcome failed(CallOutcome.Kind kind, String to, double at, String why) {
        return CallOutcome.failed(kind, to, t(at), Duration.ofSeconds(5), Duration.ofMillis(200), why);
    }

    /** What a phone's jitter buffer reports after playing and concealing these many frames. */
    static PlayoutQuality quality(int played, int concealed) {
        return quality(played, concealed, Duration.ZERO);
    }

    static PlayoutQuality quality(int played, int concealed, Duration audioGap) {
        return quality(List.of(new PlayoutInterval(Duration.ZERO, played, concealed, 0, 0, 0, Duration.ofMillis(20))),
                audioGap);
    }

    /** One-second intervals of {played, concealed} frames from the answer on. */
    static PlayoutQuality quality(int[][] seconds, Duration audioGap) {
        List<PlayoutInterval> timeline = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            timeline.add(new PlayoutInterval(Duration.ofSeconds(i), seconds[i][0], seconds[i][1], 0, 0, 0,
                    Duration.ofMillis(20)));
        }
        return quality(timeline, audioGap);
    }

    private static PlayoutQuality quality(List<PlayoutInterval> timeline, Duration audioGap) {
        int played = timeline.stream().mapToInt(PlayoutInterval::played).sum();
        int concealed = timeline.stream().mapToInt(PlayoutInterval::concealed).sum();
        long expected = played + concealed;
        PlayoutReport report = new PlayoutReport(expected, played, concealed, 0, 0, played, concealed, 0, 0,
                Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(20), Duration.ofMillis(1), 1.0,
                audioGap, Optional.of(Duration.ofMillis(60)), 0, timeline);
        return PlayoutQuality.of(CodecImpairment.G711_PLC, report, Duration.ofMillis(40), Duration.ofMillis(20));
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
