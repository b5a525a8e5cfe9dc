package dev.lifeline.drill.run;

import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.drill.report.ReportEvent;
import dev.lifeline.drill.report.Series;
import dev.lifeline.drill.run.ScenarioRun.Applied;
import dev.lifeline.drill.run.ScenarioRun.Observed;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What users felt, from what the lab observed (never from the gateway's word alone): times
 * run from the instant the lab applied the fault. {@code detection_s} is to the first packet
 * the gateway sent on another path than the one cut, as that path's WAN emulator saw it
 * ({@code detection_gateway_s}, to the gateway's own path-down event for the cut path, is kept
 * beside it and named as the gateway's word); {@code registration_recovery_s} to the
 * provider's 200 OK for a trunk REGISTER that arrived another way (another path's NAT address,
 * or another target); {@code failback_s} to the provider's 200 for a trunk REGISTER that came
 * through the preferred path's NAT again; failovers are the trunk's registration moving from
 * one path's NAT address to another's, as the provider saw it; {@code audio_gap_s} is the
 * longest stretch a phone on a call across the fault heard nothing.
 * Pure: a function of an {@link Observed}.
 */
final class Measurements {

    /** Failovers away from a path whose only trouble was at most this much random loss are false. */
    private static final double MILD_LOSS_PERCENT = 3.0;
    /** A blackhole this short (and the second after it) is a hiccup, not a reason to fail over. */
    private static final Duration HICCUP = Duration.ofMillis(300);
    /** A path that carried the site's calls or requests this shortly before a fault was in use. */
    private static final Duration IN_USE = Duration.ofSeconds(5);

    /** The trunk's registration moving from one path to another, as the provider saw it: its 200 through {@code to}. */
    record Move(Instant at, String from, String to) {
    }

    private Measurements() {
    }

    static Metrics of(Observed o) {
        Metrics m = Metrics.empty();
        Optional<Instant> fault = o.applied().stream().filter(a -> a.action().isFault()).map(Applied::at).findFirst();
        m = detection(m, o);
        if (fault.isPresent()) {
            Instant f = fault.get();
            // Each time runs from the fault that caused it: the last one applied before it happened.
            m = with(m, Metrics.REGISTRATION_RECOVERY_S, registrationRecovery(o, f).map(t -> seconds(causeOf(o, t), t)));
            double gap = o.calls().stream().filter(c -> c.spans(f)).flatMap(c -> audioGap(c).stream())
                    .mapToDouble(d -> d.toNanos() / 1e9).max().orElse(Double.NaN);
            if (!Double.isNaN(gap)) {
                m = m.with(Metrics.AUDIO_GAP_S, gap);
            }
        }
        m = failback(m, o);
        List<Move> moves = trunkMoves(o);
        // The gateway's own account of its switches: only whether it gave a reason is read from it.
        List<Event.ActivePathChanged> switches = o.gatewayEvents().stream()
                .filter(e -> !e.at().isBefore(o.start()))
                .filter(e -> e instanceof Event.ActivePathChanged a && !a.from().isEmpty() && !a.to().isEmpty())
                .map(Event.ActivePathChanged.class::cast).toList();
        // Moves are counted only where the trunk's path was seen at all (a 200 through a path's NAT).
        if (trunkPathAt(o, o.end()).isPresent()) {
            m = m.with(Metrics.FAILOVERS, moves.size())
                    .with(Metrics.FALSE_FAILOVERS, moves.stream().filter(mv -> isFalse(o, mv)).count());
        }
        m = m.with(Metrics.FAILOVERS_WITHOUT_REASON, switches.stream().filter(s -> s.reason().isBlank()).count());
        m = m.with(Metrics.PATHS_DOWN, o.gatewayEvents().stream().filter(e -> !e.at().isBefore(o.start()))
                .filter(e -> e instanceof Event.PathStateChanged p && p.state().equals("down")).count());
        m = suspicions(m, o);
        m = holds(m, o);
        m = calls(m, o);
        m = restart(m, o);
        m = storm(m, o);
        m = lossSteps(m, o);
        m = legs(m, o);
        Optional<Instant> lastMove = moves.stream().map(Move::at).max(Comparator.naturalOrder());
        if (lastMove.isPresent()) {
            m = with(m, Metrics.MOS_AFTER_FAILOVER, heardMos(o, lastMove.get().plusSeconds(2), o.end()));
        }
        // A certificate the gateway saw and judged: a check that could not connect is no news of one.
        java.util.function.Predicate<Event> certificateProblem = e -> e instanceof Event.CertificateChecked c
                && !c.severity().equals("ok") && c.notAfter() != null;
        long certificateEvents = o.gatewayEvents().stream().filter(certificateProblem).count();
        Optional<Instant> badCertificate = o.applied().stream().filter(a -> a.action()
                instanceof Action.ProviderCertificate c && c.state() == Action.ProviderCertificate.State.EXPIRED)
                .map(Applied::at).findFirst();
        if (badCertificate.isPresent()) {
            Instant b = badCertificate.get();
            m = with(m, Metrics.CERTIFICATE_EVENT_S, firstAfter(o.gatewayEvents(), b, certificateProblem)
                    .map(t -> seconds(b, t)));
        }
        return m.with(Metrics.CERTIFICATE_EVENTS, certificateEvents);
    }

    /**
     * {@code detection_s}: from a fault on a path the gateway was using to the first packet the
     * gateway sent on another path it was not using (a SIP request other than OPTIONS, or call
     * media), as that path's emulator saw it; {@code detection_gateway_s}: to the gateway's own
     * path-down event for the path cut. Each runs from its cause, the last path fault before it;
     * a packet on the cut path itself, or on a path already in use, shows nothing.
     */
    private static Metrics detection(Metrics m, Observed o) {
        List<Applied> cuts = o.applied().stream().filter(a -> cutPath(a.action()).isPresent()).toList();
        if (cuts.isEmpty()) {
            return m;
        }
        Instant first = cuts.get(0).at();
        for (PathPacket p : o.wan()) {
            if (p.at().isBefore(first) || !p.showsUse()) {
                continue;
            }
            Applied cause = lastAtOrBefore(cuts, p.at());
            String cut = cutPath(cause.action()).orElseThrow();
            if (!p.path().equals(cut) && !pathsInUse(o, cause.at()).contains(p.path())
                    && pathsInUse(o, cause.at()).contains(cut)) {
                m = m.with(Metrics.DETECTION_S, seconds(cause.at(), p.at()));
                break;
            }
        }
        for (Event e : o.gatewayEvents()) {
            if (e.at().isBefore(first) || !(e instanceof Event.PathStateChanged p) || !p.state().equals("down")) {
                continue;
            }
            Applied cause = lastAtOrBefore(cuts, e.at());
            if (p.path().equals(cutPath(cause.action()).orElseThrow())) {
                m = m.with(Metrics.DETECTION_GATEWAY_S, seconds(cause.at(), e.at()));
                break;
            }
        }
        return m;
    }

    /** The path whose packets a fault cuts or degrades; empty for faults elsewhere (DNS, provider, NAT state). */
    static Optional<String> cutPath(Action a) {
        return switch (a) {
            case Action.Blackhole b when b.down() -> Optional.of(b.path());
            case Action.BlockSip b -> Optional.of(b.path());
            case Action.Impair i -> Optional.of(i.path());
            default -> Optional.empty();
        };
    }

    private static Applied lastAtOrBefore(List<Applied> applied, Instant t) {
        Applied last = applied.get(0);
        for (Applied a : applied) {
            if (a.at().isAfter(t)) {
                break;
            }
            last = a;
        }
        return last;
    }

    /**
     * The paths the site used just before {@code t}: those that carried its calls or requests in
     * the {@link #IN_USE} before it, and the one its trunk was registered through.
     */
    static java.util.Set<String> pathsInUse(Observed o, Instant t) {
        java.util.Set<String> used = new java.util.HashSet<>();
        Instant since = t.minus(IN_USE);
        for (PathPacket p : o.wan()) {
            if (!p.at().isBefore(t)) {
                break;
            }
            if (!p.at().isBefore(since) && p.showsUse()) {
                used.add(p.path());
            }
        }
        trunkPathAt(o, t).ifPresent(used::add);
        return used;
    }

    /** The path the trunk was registered through at {@code t}: where the provider's last 200 before it went. */
    static Optional<String> trunkPathAt(Observed o, Instant t) {
        Optional<String> path = Optional.empty();
        for (ProviderObservation p : o.provider()) {
            if (p.at().isAfter(t)) {
                break;
            }
            if (p instanceof ProviderObservation.RegisterAccepted r) {
                Optional<String> via = pathOfAddress(o, r.source().getAddress());
                if (via.isPresent()) {
                    path = via;
                }
            }
        }
        return path;
    }

    private static Optional<String> pathOfAddress(Observed o, InetAddress address) {
        return o.wanAddresses().entrySet().stream().filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every change of the path the provider's 200s to trunk REGISTERs went through, during the run. */
    static List<Move> trunkMoves(Observed o) {
        List<Move> moves = new ArrayList<>();
        String current = null;
        for (ProviderObservation p : o.provider()) {
            if (!(p instanceof ProviderObservation.RegisterAccepted r)) {
                continue;
            }
            Optional<String> via = pathOfAddress(o, r.source().getAddress());
            if (via.isEmpty()) {
                continue;
            }
            if (current != null && !current.equals(via.get()) && !r.at().isBefore(o.start())) {
                moves.add(new Move(r.at(), current, via.get()));
            }
            current = via.get();
        }
        return moves;
    }

    /**
     * {@code failback_s}: from the first restore of the preferred path while the trunk was
     * registered elsewhere to the provider's first 200 for a trunk REGISTER through that path.
     */
    /**
     * The call's far end was quiet on purpose: it was the lab's quiet far end, or its phone held
     * it (the phone's report of that call, found by the playout it rated).
     */
    private static boolean silentOnPurpose(Observed o, CallOutcome c) {
        return c.to().equals(dev.lifeline.drill.lab.Lab.QUIET_NUMBER) || c.quality().isPresent()
                && o.phoneResults().values().stream().anyMatch(r -> r.hold().holds() > 0 && r.quality().equals(c.quality()));
    }

    /** Two OPTIONS to the targets of one probe round leave within this of each other. */
    private static final Duration ROUND = Duration.ofMillis(30);
    /** OPTIONS rounds closer than this are a confirmation burst (the regular ones are a probe interval apart). */
    private static final Duration BURST_SPACING = Duration.ofMillis(300);
    /** Half a second of 20 ms frames: a resumed call that plays this much has its audio back. */
    private static final long AUDIO_BACK_PACKETS = 25;

    /**
     * {@code suspicions}: the confirmation bursts the emulators saw (see {@link Metrics#SUSPICIONS}),
     * measured when the gateway's OPTIONS were seen at all; {@code suspicions_gateway}: its own
     * PathSuspicion events.
     */
    private static Metrics suspicions(Metrics m, Observed o) {
        m = m.with(Metrics.SUSPICIONS_GATEWAY, o.gatewayEvents().stream().filter(e -> !e.at().isBefore(o.start()))
                .filter(e -> e instanceof Event.PathSuspicion p && p.state().equals("suspect")).count());
        Map<String, List<Round>> rounds = probeRounds(o);
        return rounds.isEmpty() ? m : m.with(Metrics.SUSPICIONS, bursts(o).size());
    }

    /**
     * Each path's rounds of OPTIONS probes as its emulator saw them, in time order; empty when
     * none were seen. A probe round asks every provider target at once; a smaller group (the
     * trunk's keepalive OPTIONS on its registration flow, a retransmission to one target) is no
     * probe round and is left out.
     */
    private static Map<String, List<Round>> probeRounds(Observed o) {
        record Group(Instant at, int size, Optional<Instant> lastAnswer) {
        }
        Map<String, List<Group>> groups = new java.util.TreeMap<>();
        Map<String, Instant> lastAnswer = new java.util.HashMap<>();
        for (PathPacket p : o.wan()) {
            if (p.direction() == dev.lifeline.drill.lab.wan.Direction.DOWNSTREAM && p.kind() == PathPacket.Kind.SIP_RESPONSE
                    && p.detail().equals("200")) {
                lastAnswer.put(p.path(), p.at());
                continue;
            }
            if (p.direction() != dev.lifeline.drill.lab.wan.Direction.UPSTREAM || p.kind() != PathPacket.Kind.SIP_REQUEST
                    || !p.detail().equals("OPTIONS")) {
                continue;
            }
            List<Group> g = groups.computeIfAbsent(p.path(), k -> new ArrayList<>());
            Group last = g.isEmpty() ? null : g.get(g.size() - 1);
            if (last != null && Duration.between(last.at(), p.at()).compareTo(ROUND) <= 0) {
                g.set(g.size() - 1, new Group(last.at(), last.size() + 1, last.lastAnswer()));
            } else {
                g.add(new Group(p.at(), 1, Optional.ofNullable(lastAnswer.get(p.path()))));
            }
        }
        Map<String, List<Round>> rounds = new java.util.TreeMap<>();
        groups.forEach((path, g) -> {
            // The usual size of a group is the number of targets a round asks (groups may also merge
            // when rounds come closer than 30 ms, so not the largest).
            Map<Integer, Long> sizes = g.stream().collect(java.util.stream.Collectors.groupingBy(Group::size,
                    java.util.stream.Collectors.counting()));
            int targets = sizes.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0);
            List<Round> r = new ArrayList<>();
            Instant previous = null;
            for (Group x : g) {
                if (x.size() < targets) {
                    continue;
                }
                Instant before = previous;
                r.add(new Round(path, x.at(), x.lastAnswer().filter(t -> before == null || t.isAfter(before)).isPresent()));
                previous = x.at();
            }
            rounds.put(path, r);
        });
        return rounds;
    }

    /**
     * The confirmation bursts the emulators saw on the paths that carried the calls' media, each
     * by its first round, in time order. Two counts must agree: rounds off the cadence
     * ({@link #bursts(List, Duration)}), and rounds beyond what the regular schedule makes from
     * the first round to the last (it keeps a fixed rate: a round the machine's load delays is
     * caught up, never added). A path shows no more bursts than it has rounds to spare.
     */
    static List<Round> bursts(Observed o) {
        Duration interval = o.site().failover().probeInterval();
        Duration offCadence = interval.multipliedBy(4).dividedBy(5);
        java.util.Set<String> media = new java.util.HashSet<>();
        o.wan().stream().filter(p -> p.kind() == PathPacket.Kind.RTP).forEach(p -> media.add(p.path()));
        List<Round> out = new ArrayList<>();
        probeRounds(o).forEach((path, rounds) -> {
            if (!media.contains(path) || rounds.isEmpty()) {
                return;
            }
            Duration span = Duration.between(rounds.get(0).at(), rounds.get(rounds.size() - 1).at());
            long regular = Math.round((double) span.toNanos() / interval.toNanos()) + 1;
            long spare = Math.max(0, rounds.size() - regular);
            bursts(rounds, offCadence).stream().limit(spare).forEach(out::add);
        });
        out.sort(Comparator.comparing(Round::at));
        return out;
    }

    /**
     * A round of OPTIONS probes on one path as its emulator saw it: when it left, and whether an
     * answer (a 200) came back on the path since the round before.
     */
    record Round(String path, Instant at, boolean answeredBefore) {
    }

    /**
     * Confirmation bursts in one path's probe rounds, each by its first round: rounds off the
     * regular cadence, which are under 300 ms after the one before, or, after an answer (so not a
     * retransmission of an unanswered probe, RFC 3261 Timer E), under {@code offCadence} from both
     * neighbours. Extra rounds in a row are one burst while nothing answers; an answer ends it,
     * so the next extra round is a new suspicion.
     */
    static List<Round> bursts(List<Round> rounds, Duration offCadence) {
        List<Round> bursts = new ArrayList<>();
        boolean inBurst = false;
        for (int i = 1; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            Duration before = Duration.between(rounds.get(i - 1).at(), round.at());
            boolean extra = before.compareTo(BURST_SPACING) < 0
                    || round.answeredBefore() && i + 1 < rounds.size() && before.compareTo(offCadence) < 0
                    && Duration.between(round.at(), rounds.get(i + 1).at()).compareTo(offCadence) < 0;
            if (extra && (!inBurst || round.answeredBefore())) {
                bursts.add(round);
            }
            inBurst = extra;
        }
        return bursts;
    }

    /**
     * The timeline's holds, as the phones carried them out and counted what they heard: calls
     * held, resumed with audio back, and audio heard while held; measured when a hold step ran.
     * Calls to the lab's quiet far end that brought comfort noise to the phone.
     */
    private static Metrics holds(Metrics m, Observed o) {
        boolean quietPlanned = o.scenario().timeline().stream().anyMatch(s -> s.action() instanceof Action.PlaceCalls p
                && p.to().equals(dev.lifeline.drill.lab.Lab.QUIET_NUMBER));
        if (quietPlanned) {
            m = m.with(Metrics.COMFORT_NOISE_CALLS, o.phoneResults().values().stream()
                    .filter(r -> r.peer().equals(dev.lifeline.drill.lab.Lab.QUIET_NUMBER))
                    .filter(r -> r.comfortNoiseReceived() > 0).count());
        }
        boolean holdPlanned = o.scenario().timeline().stream().anyMatch(s -> s.action() instanceof Action.Hold);
        if (!holdPlanned) {
            return m;
        }
        long held = 0;
        long resumed = 0;
        long heardWhileHeld = 0;
        for (ScenarioRun.HoldAttempt h : o.holds()) {
            if (!h.held()) {
                continue;
            }
            held++;
            Optional<dev.lifeline.drill.lab.phone.CallResult> r = Optional.ofNullable(o.phoneResults().get(h.callId()));
            heardWhileHeld += r.map(x -> x.hold().heardWhileHeld()).orElse(0L);
            if (h.resumed() && r.map(x -> x.hold().heardAfterResume() >= AUDIO_BACK_PACKETS).orElse(false)) {
                resumed++;
            }
        }
        return m.with(Metrics.HOLDS_PLANNED, o.holds().size()).with(Metrics.HELD_CALLS, held)
                .with(Metrics.HELD_CALLS_RESUMED, resumed).with(Metrics.HELD_AUDIO_PACKETS, heardWhileHeld);
    }

    /**
     * Which leg the gateway blamed, in a run that impaired the LAN or a WAN path: its own
     * verdicts (the CallEnded events of answered calls; the gateway's word) and the worst loss it
     * measured per leg, beside the loss the lab's LAN segments really caused toward the gateway.
     */
    private static Metrics legs(Metrics m, Observed o) {
        boolean impaired = o.scenario().timeline().stream()
                .anyMatch(s -> s.action() instanceof Action.ImpairLan || s.action() instanceof Action.Impair);
        if (!impaired) {
            return m;
        }
        List<Event.CallEnded> judged = o.gatewayEvents().stream().filter(e -> !e.at().isBefore(o.start()))
                .filter(e -> e instanceof Event.CallEnded c && c.answered() != null && c.blame() != null)
                .map(Event.CallEnded.class::cast).toList();
        m = m.with(Metrics.LAN_LEG_NAMED, judged.stream().filter(c -> c.blame().equals("lan")).count())
                .with(Metrics.WAN_LEG_NAMED, judged.stream()
                        .filter(c -> c.blame().equals("wan") || c.blame().equals("both")).count());
        m = with(m, Metrics.LAN_LEG_LOSS_MAX_PCT, legLoss(judged, "lan"));
        m = with(m, Metrics.WAN_LEG_LOSS_MAX_PCT, legLoss(judged, "wan"));
        long crossed = o.lan().toGatewayPassed() + o.lan().toGatewayDropped();
        if (crossed > 0) {
            m = m.with(Metrics.LAN_DROPPED_PCT, 100.0 * o.lan().toGatewayDropped() / crossed);
        }
        return m;
    }

    /** The worst loss the gateway measured on a leg of that side, over calls with media on it. */
    private static Optional<Double> legLoss(List<Event.CallEnded> calls, String side) {
        List<Double> losses = new ArrayList<>();
        for (Event.CallEnded c : calls) {
            if (side.equals(c.callerLeg()) && c.fromCallerPackets() > 0) {
                losses.add(c.fromCallerLossPercent());
            }
            if (side.equals(c.calleeLeg()) && c.fromCalleePackets() > 0) {
                losses.add(c.fromCalleeLossPercent());
            }
        }
        return losses.stream().max(Comparator.naturalOrder());
    }

    private static Metrics failback(Metrics m, Observed o) {
        Optional<String> primary = o.site().paths().stream().min(Comparator.comparingInt(WanPath::priority))
                .map(WanPath::name);
        if (primary.isEmpty()) {
            return m;
        }
        for (Applied a : o.applied()) {
            if (!(a.action() instanceof Action.Restore r) || !r.path().equals(primary.get())) {
                continue;
            }
            Optional<String> trunk = trunkPathAt(o, a.at());
            if (trunk.isEmpty() || trunk.get().equals(primary.get())) {
                continue;
            }
            Optional<Instant> back = o.provider().stream().filter(p -> !p.at().isBefore(a.at()))
                    .filter(p -> p instanceof ProviderObservation.RegisterAccepted ra
                            && pathOfAddress(o, ra.source().getAddress()).equals(primary))
                    .map(ProviderObservation::at).findFirst();
            return with(m, Metrics.FAILBACK_S, back.map(t -> seconds(a.at(), t)));
        }
        return m;
    }

    /**
     * The longest stretch a call's phone heard nothing. For a dropped call that runs to the call's
     * planned end: the silence it ended in (the trailing intervals of its playout that played
     * nothing) plus the time from the drop to when the drill would have hung up. Without its end
     * the whole planned call counts as silent.
     */
    static Optional<Duration> audioGap(CallOutcome c) {
        if (!c.dropped()) {
            return c.audioGap();
        }
        if (c.endedAt().isEmpty() || c.plannedEnd().isEmpty()) {
            return Optional.of(c.planned());
        }
        long trailingFrames = 0;
        List<dev.lifeline.media.jitter.PlayoutInterval> timeline = c.playout();
        for (int i = timeline.size() - 1; i >= 0 && timeline.get(i).played() == 0; i--) {
            trailingFrames += timeline.get(i).concealed();
        }
        Duration toPlannedEnd = Duration.between(c.endedAt().get(), c.plannedEnd().get());
        Duration cut = Duration.ofMillis(20 * trailingFrames).plus(toPlannedEnd.isNegative() ? Duration.ZERO : toPlannedEnd);
        Duration heard = c.audioGap().orElse(Duration.ZERO);
        return Optional.of(cut.compareTo(heard) > 0 ? cut : heard);
    }

    /** The last fault the lab applied at or before {@code t}. */
    private static Instant causeOf(Observed o, Instant t) {
        Instant cause = null;
        for (Applied a : o.applied()) {
            if (a.at().isAfter(t)) {
                break;
            }
            if (a.action().isFault()) {
                cause = a.at();
            }
        }
        return cause == null ? t : cause;
    }

    private static Metrics calls(Metrics m, Observed o) {
        List<CallOutcome> outbound = o.calls().stream().filter(c -> c.kind() == CallOutcome.Kind.OUTBOUND).toList();
        List<CallOutcome> inbound = o.calls().stream().filter(c -> c.kind() == CallOutcome.Kind.INBOUND).toList();
        List<CallOutcome> emergency = o.calls().stream().filter(c -> c.kind() == CallOutcome.Kind.EMERGENCY).toList();
        List<CallOutcome> answered = o.calls().stream().filter(CallOutcome::answered).toList();
        long planned = 0;
        long internalPlanned = 0;
        long inboundPlanned = 0;
        long emergencyPlanned = 0;
        for (var step : o.scenario().timeline()) {
            switch (step.action()) {
                case Action.PlaceCalls p -> {
                    planned += p.count();
                    internalPlanned += isInternal(o, p.to()) ? p.count() : 0;
                }
                case Action.InboundCalls i -> inboundPlanned += i.count();
                case Action.EmergencyCall e -> emergencyPlanned++;
                default -> { }
            }
        }
        m = m.with(Metrics.CALLS_PLANNED, planned)
                .with(Metrics.INTERNAL_CALLS_PLANNED, internalPlanned)
                .with(Metrics.INBOUND_PLANNED, inboundPlanned)
                .with(Metrics.EMERGENCY_PLANNED, emergencyPlanned);
        m = m.with(Metrics.CALLS_ATTEMPTED, outbound.size())
                .with(Metrics.CALLS_COMPLETED, outbound.stream().filter(CallOutcome::answered).count())
                .with(Metrics.CALLS_FAILED, outbound.stream().filter(c -> !c.answered()).count())
                .with(Metrics.CALLS_DROPPED, o.calls().stream().filter(CallOutcome::dropped).count())
                .with(Metrics.ONE_WAY_AUDIO_CALLS, answered.stream().filter(CallOutcome::oneWay).count())
                .with(Metrics.HANGUPS_LOST, o.calls().stream().filter(CallOutcome::hangupLost).count());
        List<Double> setups = outbound.stream().flatMap(c -> c.setup().stream()).map(d -> d.toNanos() / 1e6).sorted()
                .toList();
        if (!setups.isEmpty()) {
            m = m.with(Metrics.CALL_SETUP_P95_MS, setups.get((int) Math.ceil(0.95 * setups.size()) - 1));
        }
        // A call whose far end was silent on purpose (held, or sending comfort noise) has stretches
        // with no speech to rate: its playout would read them as loss. Its figures are left out.
        List<CallOutcome> rated = answered.stream().filter(c -> !silentOnPurpose(o, c)).toList();
        List<dev.lifeline.media.quality.PlayoutQuality> heard = rated.stream()
                .flatMap(c -> c.quality().stream()).toList();
        if (!heard.isEmpty()) {
            m = m.with(Metrics.LOSS_MAX_PCT, heard.stream()
                    .mapToDouble(q -> q.playout().received() == 0 ? 100.0 : q.effectiveLossPercent()).max().orElseThrow())
                    .with(Metrics.JITTER_MAX_MS, heard.stream().mapToDouble(q -> q.jitter().toNanos() / 1e6).max()
                            .orElseThrow())
                    .with(Metrics.MOUTH_TO_EAR_MAX_MS, heard.stream()
                            .mapToDouble(q -> q.mouthToEarDelay().toNanos() / 1e6).max().orElseThrow());
        }
        List<Double> mos = rated.stream().flatMap(c -> c.mos().stream()).toList();
        if (!mos.isEmpty()) {
            m = m.with(Metrics.MOS_MIN, mos.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                    .with(Metrics.MOS_MEAN, mos.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        List<CallOutcome> internal = outbound.stream().filter(c -> isInternal(o, c.to())).toList();
        List<CallOutcome> external = outbound.stream().filter(c -> !isInternal(o, c.to())).toList();
        m = m.with(Metrics.INTERNAL_CALLS_ATTEMPTED, internal.size())
                .with(Metrics.INTERNAL_CALLS_FAILED, internal.stream().filter(c -> !c.answered()).count())
                .with(Metrics.EXTERNAL_CALLS_FAILED, external.stream().filter(c -> !c.answered()).count())
                .with(Metrics.EXTERNAL_FAILS_WITHOUT_REASON, external.stream().filter(c -> !c.answered())
                        .filter(c -> c.failure().isEmpty() || !c.failure().get().matches("^[1-6]\\d\\d .+")).count());
        double failMax = external.stream().filter(c -> !c.answered()).flatMap(c -> c.failedAfter().stream())
                .mapToDouble(d -> d.toNanos() / 1e6).max().orElse(Double.NaN);
        if (!Double.isNaN(failMax)) {
            m = m.with(Metrics.EXTERNAL_FAIL_MAX_MS, failMax);
        }
        m = m.with(Metrics.INBOUND_ATTEMPTED, inbound.size())
                .with(Metrics.INBOUND_DELIVERED, inbound.stream().filter(CallOutcome::answered).count())
                .with(Metrics.CALLER_ID_WRONG, inbound.stream().filter(CallOutcome::answered)
                        .filter(c -> c.callerId().isEmpty() || !c.callerId().get().contains(c.expectedCallerId()))
                        .count())
                .with(Metrics.EMERGENCY_ATTEMPTED, emergency.size())
                .with(Metrics.EMERGENCY_CONNECTED, emergency.stream().filter(CallOutcome::answered).count());
        double emergencySetup = emergency.stream().flatMap(c -> c.setup().stream())
                .mapToDouble(d -> d.toNanos() / 1e6).max().orElse(Double.NaN);
        if (!Double.isNaN(emergencySetup)) {
            m = m.with(Metrics.EMERGENCY_SETUP_MAX_MS, emergencySetup);
        }
        return m;
    }

    /**
     * For a timeline of plain random-loss steps (no delay, no bursts) on the primary path, per
     * step, from the calls answered after the step began and ended before the next one: the loss
     * the emulators applied to the calls' RTP on its way down ({@code wan_loss_N_pct}), the loss
     * their phones heard (frames concealed by the jitter buffers over frames due), the phones' own
     * MOS-CQE (their {@link dev.lifeline.media.quality.PlayoutQuality} rating, burst ratio and
     * delay included; the mean over the calls), beside ITU-T G.107's MOS-CQE for the configured
     * loss from {@link G107Reference}; and the largest difference ({@code mos_cqe_deviation_max})
     * over the steps whose loss the reference holds. A call that spans two steps is in neither.
     */
    private static Metrics lossSteps(Metrics m, Observed o) {
        Optional<String> primary = o.site().paths().stream().min(Comparator.comparingInt(WanPath::priority))
                .map(WanPath::name);
        if (primary.isEmpty()) {
            return m;
        }
        List<Applied> steps = new ArrayList<>();
        for (Applied a : o.applied()) {
            if (a.action() instanceof Action.Impair i && i.path().equals(primary.get())) {
                if (i.burst().active() || !i.delay().isZero() || !i.jitter().isZero() || i.rateKbps() > 0) {
                    return m;       // not a plain loss step: the comparison with G.107 would not hold
                }
                steps.add(a);
            } else if (a.action() instanceof Action.Restore r && r.path().equals(primary.get())) {
                steps.add(a);
            }
        }
        if (steps.size() < 2 || steps.stream().noneMatch(a -> a.action() instanceof Action.Impair)) {
            return m;
        }
        double worst = -1;
        for (int i = 0; i < steps.size(); i++) {
            Instant from = steps.get(i).at();
            Instant to = i + 1 < steps.size() ? steps.get(i + 1).at() : o.end();
            List<CallOutcome> measured = o.calls().stream().filter(c -> c.quality().isPresent() && c.mos().isPresent())
                    .filter(c -> c.answeredAt().filter(a -> !a.isBefore(from)).isPresent()
                            && c.endedAt().filter(e -> !e.isAfter(to)).isPresent())
                    .toList();
            if (measured.isEmpty()) {
                continue;
            }
            double configured = steps.get(i).action() instanceof Action.Impair imp ? imp.lossPercent() : 0;
            long played = 0;
            long concealed = 0;
            for (CallOutcome c : measured) {
                played += c.quality().get().playout().played();
                concealed += c.quality().get().playout().concealed();
            }
            double heard = played + concealed == 0 ? 100 : 100.0 * concealed / (played + concealed);
            double cqe = measured.stream().mapToDouble(c -> c.mos().get()).average().orElseThrow();
            String key = lossKey(configured);
            // What the emulators did to the calls' RTP on its way down in the same stretch.
            long down = 0;
            long dropped = 0;
            for (PathPacket p : o.wan()) {
                if (p.kind() == PathPacket.Kind.RTP && p.direction() == dev.lifeline.drill.lab.wan.Direction.DOWNSTREAM
                        && !p.at().isBefore(from) && p.at().isBefore(to)) {
                    down++;
                    dropped += p.dropped() ? 1 : 0;
                }
            }
            if (down > 0) {
                m = m.with("wan_" + key, 100.0 * dropped / down);
            }
            m = m.with("heard_" + key, heard).with("mos_cqe_at_" + key, cqe);
            Optional<Double> reference = G107Reference.g711WithPlc(configured);
            if (reference.isPresent()) {
                m = m.with("mos_g107_at_" + key, reference.get());
                worst = Math.max(worst, Math.abs(cqe - reference.get()));
            }
        }
        return worst < 0 ? m : m.with(Metrics.MOS_CQE_DEVIATION_MAX, worst);
    }

    /** "loss_3_pct", "loss_2p5_pct": a configured loss as part of a metric name. */
    static String lossKey(double percent) {
        double rounded = Math.round(percent * 10) / 10.0;
        String text = rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded).replace('.', 'p');
        return "loss_" + text + "_pct";
    }

    /**
     * The E-model MOS of what the phones heard between {@code from} and {@code to}: frames
     * concealed by their jitter buffers as loss, the buffers' target delay as delay.
     */
    static Optional<Double> heardMos(Observed o, Instant from, Instant to) {
        Heard h = heard(o, from, to);
        if (h.frames() == 0) {
            return Optional.empty();
        }
        double delay = h.delaySumMillis() / h.intervals() + 20;     // buffer plus one packet of packetisation
        return Optional.of(mos(h.lossPercent(), delay));
    }

    /** What the answered calls' phones played and concealed between two instants, and their buffers' delay. */
    private record Heard(long played, long concealed, double delaySumMillis, int intervals) {
        long frames() {
            return played + concealed;
        }

        double lossPercent() {
            return 100.0 * concealed / frames();
        }
    }

    private static Heard heard(Observed o, Instant from, Instant to) {
        long played = 0;
        long concealed = 0;
        double delaySum = 0;
        int intervals = 0;
        for (CallOutcome c : o.calls()) {
            if (c.setup().isEmpty()) {
                continue;
            }
            Instant answered = c.started().plus(c.setup().get());
            for (var interval : c.playout()) {
                Instant t = answered.plus(interval.start());
                if (!t.isBefore(from) && t.isBefore(to)) {
                    played += interval.played();
                    concealed += interval.concealed();
                    delaySum += interval.targetDelay().toNanos() / 1e6;
                    intervals++;
                }
            }
        }
        return new Heard(played, concealed, delaySum, intervals);
    }

    /** G.711 with PLC at this loss and one-way delay, per ITU-T G.107 (random loss). */
    private static double mos(double lossPercent, double delayMillis) {
        return dev.lifeline.media.quality.EModel.rate(dev.lifeline.media.quality.EModelInput.defaults()
                .withCodec(dev.lifeline.media.quality.CodecImpairment.G711_PLC).withPacketLoss(lossPercent, 1)
                .withOneWayDelay(delayMillis)).mos();
    }

    private static Metrics storm(Metrics m, Observed o) {
        if (o.storm().isEmpty()) {
            return m;
        }
        StormOutcome s = o.storm().get();
        m = m.with(Metrics.STORM_UNREGISTERED, Math.max(0, s.phones() - s.registered()))
                .with(Metrics.STORM_REFUSED, s.refused())
                .with(Metrics.STORM_BINDINGS_LOST, Math.max(0, s.phones() - s.bindingsFound()));
        if (s.allRegistered()) {
            m = m.with(Metrics.STORM_REGISTERED_S, s.elapsed().toNanos() / 1e9);
        }
        if (s.registered() > 0) {
            m = m.with(Metrics.STORM_REGISTER_P99_MS, s.p99Millis());
        }
        return m;
    }

    private static Metrics restart(Metrics m, Observed o) {
        if (o.restartedAt().isEmpty()) {
            return m;
        }
        Instant r = o.restartedAt().get();
        if (!o.reregistered().isEmpty() && o.reregistered().values().stream().allMatch(Optional::isPresent)) {
            Instant last = o.reregistered().values().stream().map(Optional::get).max(Comparator.naturalOrder()).orElseThrow();
            m = m.with(Metrics.PHONES_REREGISTERED_S, seconds(r, last));
        }
        if (o.bindingsAfterRestart().isPresent()) {
            m = m.with(Metrics.BINDINGS_LOST, Math.max(0, o.phones() - o.bindingsAfterRestart().get()));
        }
        return m;
    }

    /**
     * The provider's first 200 to a trunk REGISTER after {@code fault} that came another way
     * than the last one before it: from another NAT address (another path) or to another target.
     */
    private static Optional<Instant> registrationRecovery(Observed o, Instant fault) {
        List<ProviderObservation.RegisterAccepted> accepted = o.provider().stream()
                .filter(p -> p instanceof ProviderObservation.RegisterAccepted)
                .map(ProviderObservation.RegisterAccepted.class::cast).toList();
        Optional<ProviderObservation.RegisterAccepted> before = accepted.stream().filter(a -> a.at().isBefore(fault))
                .reduce((a, b) -> b);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        InetAddress from = before.get().source().getAddress();
        String target = before.get().target();
        return accepted.stream().filter(a -> a.at().isAfter(fault))
                .filter(a -> !a.source().getAddress().equals(from) || !a.target().equals(target))
                .map(ProviderObservation.RegisterAccepted::at).findFirst();
    }

    /**
     * A switch away from a path is false when nothing the drill did could justify it: the path
     * was not blackholed (beyond a hiccup) and carried at most mild random loss.
     */
    private static boolean isFalse(Observed o, Move s) {
        Optional<String> preferred = o.site().paths().stream().min(Comparator.comparingInt(WanPath::priority))
                .map(WanPath::name);
        if (preferred.filter(s.to()::equals).isPresent()) {
            return false;       // back to the preferred path: a failback
        }
        Instant t = s.at();
        String path = s.from();
        Action state = null;
        Instant since = null;
        for (Applied a : o.applied()) {
            if (a.at().isAfter(t)) {
                break;
            }
            if (pathOf(a.action()).filter(path::equals).isPresent()) {
                state = a.action();
                since = a.at();
            }
        }
        if (state == null || state instanceof Action.Restore) {
            // restored: was the last blackhole before it a hiccup that ended under a second ago?
            return !recentHiccupOnly(o, path, t);
        }
        if (state instanceof Action.Blackhole b) {
            return !b.down();
        }
        if (state instanceof Action.BlockSip) {
            return false;
        }
        if (state instanceof Action.Impair i) {
            boolean mild = i.lossPercent() <= MILD_LOSS_PERCENT && !i.burst().active()
                    && i.delay().compareTo(Duration.ofMillis(100)) <= 0;
            return mild;
        }
        return false;
    }

    private static boolean recentHiccupOnly(Observed o, String path, Instant t) {
        Instant down = null;
        for (Applied a : o.applied()) {
            if (a.at().isAfter(t)) {
                break;
            }
            if (a.action() instanceof Action.Blackhole b && b.path().equals(path) && b.down()) {
                down = a.at();
            }
            if (down != null && a.action() instanceof Action.Restore r && r.path().equals(path)) {
                boolean shortOne = Duration.between(down, a.at()).compareTo(HICCUP.plusMillis(100)) <= 0;
                boolean recent = Duration.between(a.at(), t).compareTo(Duration.ofSeconds(2)) <= 0;
                if (!shortOne && recent) {
                    return true;       // a real outage that just ended: the switch was its consequence
                }
            }
        }
        return false;
    }

    private static Optional<String> pathOf(Action a) {
        return switch (a) {
            case Action.Blackhole b -> Optional.of(b.path());
            case Action.Restore r -> Optional.of(r.path());
            case Action.Impair i -> Optional.of(i.path());
            case Action.BlockSip b -> Optional.of(b.path());
            default -> Optional.empty();
        };
    }

    /** Path state per path (1 up, 0.5 recovering, 0 down), the trunk's registration, and per-call MOS. */
    static List<Series> series(Observed o) {
        List<Series> out = new ArrayList<>();
        for (WanPath path : o.site().paths()) {
            List<Series.Point> points = new ArrayList<>();
            points.add(new Series.Point(0, 1));
            for (Event e : o.gatewayEvents()) {
                if (e instanceof Event.PathStateChanged p && p.path().equals(path.name()) && !e.at().isBefore(o.start())) {
                    points.add(new Series.Point(offset(o, e.at()), switch (p.state()) {
                        case "up" -> 1;
                        case "recovering" -> 0.5;
                        default -> 0;
                    }));
                }
            }
            out.add(Series.pathState(path.name(), points));
        }
        List<Series.Point> trunk = new ArrayList<>();
        for (Event e : o.gatewayEvents()) {
            if (e instanceof Event.TrunkStateChanged t && !e.at().isBefore(o.start())) {
                trunk.add(new Series.Point(offset(o, e.at()), t.state().equals("registered") ? 1 : 0));
            }
        }
        if (!trunk.isEmpty()) {
            trunk.add(0, new Series.Point(0, 1));
            out.add(Series.registrations("trunk registered", trunk));
        }
        int n = 0;
        for (CallOutcome c : o.calls()) {
            n++;
            if (c.setup().isEmpty() || c.playout().isEmpty()) {
                continue;
            }
            Instant answered = c.started().plus(c.setup().get());
            List<Series.Point> points = new ArrayList<>();
            var timeline = c.playout();
            for (int i = 0; i < timeline.size(); i++) {
                var interval = timeline.get(i);
                if (interval.played() + interval.concealed() == 0) {
                    continue;
                }
                // Plotted where the interval ends: the MOS of the second just heard.
                Duration end = i + 1 < timeline.size() ? timeline.get(i + 1).start()
                        : interval.start().plus(i > 0 ? interval.start().minus(timeline.get(i - 1).start()) : Duration.ofSeconds(1));
                points.add(new Series.Point(offset(o, answered.plus(end)),
                        mos(interval.concealedPercent(), interval.targetDelay().toNanos() / 1e6 + 20)));
            }
            if (!points.isEmpty()) {
                out.add(Series.callMos(c.kind().name().toLowerCase() + " " + n + " → " + c.to(), points));
            }
        }
        return out;
    }

    /** The gateway's events worth reading on a timeline, with the lab's own steps. */
    static List<ReportEvent> events(Observed o) {
        List<ReportEvent> out = new ArrayList<>(o.steps());
        for (Event e : o.gatewayEvents()) {
            if (e.at().isBefore(o.start())) {
                continue;
            }
            ReportEvent r = switch (e) {
                case Event.PathStateChanged p -> new ReportEvent(offset(o, e.at()), p.state().equals("down")
                        ? ReportEvent.TYPE_PATH_DOWN : ReportEvent.TYPE_PATH_UP, p.path() + " " + p.state() + ": " + p.reason());
                case Event.ActivePathChanged a -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_FAILOVER,
                        (a.from().isEmpty() ? "-" : a.from()) + " → " + (a.to().isEmpty() ? "none (survival mode)" : a.to())
                                + ": " + a.reason());
                case Event.PathSuspicion p -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_STEP,
                        p.path() + " " + p.state() + " (the gateway's word): " + p.reason());
                case Event.TrunkMoved t -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_REGISTERED,
                        "trunk " + t.trunk() + " moved to " + t.path() + " (" + t.target() + ")");
                case Event.CallMediaMoved c -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_CALL,
                        "call media moved to " + c.path() + " in " + c.took().toMillis() + " ms (" + c.status() + ")");
                case Event.SurvivalModeChanged s -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_FAILOVER,
                        (s.active() ? "survival mode: " : "survival mode ended: ") + s.reason());
                case Event.DnsProblem d -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_STEP,
                        "DNS " + d.recordType() + " " + d.name() + " via " + d.path() + (d.servedStale() ? " served stale: " : ": ")
                                + d.reason());
                case Event.ProviderTargetFailed p -> new ReportEvent(offset(o, e.at()), ReportEvent.TYPE_STEP,
                        p.method() + " to " + p.target() + " failed: " + p.reason());
                case Event.CertificateChecked c when !c.severity().equals("ok") -> new ReportEvent(offset(o, e.at()),
                        ReportEvent.TYPE_STEP, "certificate " + c.subject() + ": " + c.severity() + " (" + c.detail() + ")");
                default -> null;
            };
            if (r != null) {
                out.add(r);
            }
        }
        for (Round b : bursts(o)) {
            out.add(new ReportEvent(offset(o, b.at()), ReportEvent.TYPE_STEP, b.path()
                    + ": a burst of OPTIONS off the probe cadence (seen by the WAN emulator): the gateway suspects the path"));
        }
        out.sort(Comparator.comparingLong(ReportEvent::atOffsetMillis));
        return out;
    }

    private static long offset(Observed o, Instant t) {
        return Duration.between(o.start(), t).toMillis();
    }

    private static Optional<Instant> firstAfter(List<Event> events, Instant t, Predicate<Event> match) {
        return events.stream().filter(e -> !e.at().isBefore(t)).filter(match).map(Event::at).findFirst();
    }

    private static Metrics with(Metrics m, String name, Optional<Double> value) {
        return value.map(v -> m.with(name, v)).orElse(m);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static boolean isInternal(Observed o, String number) {
        return o.site().extension(number).isPresent() || o.site().group(number).isPresent()
                || o.site().dialPlan().emergency().contains(number);
    }
}
