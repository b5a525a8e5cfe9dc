package dev.lifeline.drill.netns;

import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Slo;
import dev.lifeline.drill.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which built-in scenarios the kernel-level lab runs, and how. It carries out path faults
 * ({@code blackhole}/{@code restore}) by the kernel, places calls from baresip phones in lan (one
 * phone per extension, calls one after another) and from baresip callers on the provider's side
 * to the site's DIDs, and measures from captures what happens on the wire: detection, the trunk's
 * re-registration and failback, calls attempted/answered/failed/dropped, setup time, audio gap,
 * one-way audio, inbound calls delivered and the caller ID the phone was shown. Steps it cannot
 * carry out are left out with the reason; the scenarios that need more (delay/jitter shaping,
 * DNS record changes, provider faults, restarts, floods, certificates, emergency calls, several
 * calls at once from one phone) stay in-process and {@link #inProcessOnly} says why. Resolver
 * faults (silent, SERVFAIL, REFUSED) and NAT faults (state lost, ports changed, short conntrack
 * UDP timeouts) are made by the kernel and real dnsmasq here.
 */
public final class NetnsSuite {

    /** Metrics this lab observes (from the ISP-side captures). */
    static final Set<String> OBSERVED = Set.of(Metrics.DETECTION_S, Metrics.REGISTRATION_RECOVERY_S, Metrics.FAILBACK_S,
            Metrics.AUDIO_GAP_S, Metrics.CALLS_DROPPED, Metrics.CALLS_PLANNED, Metrics.CALLS_ATTEMPTED,
            Metrics.CALLS_COMPLETED, Metrics.CALLS_FAILED, Metrics.CALL_SETUP_P95_MS, Metrics.ONE_WAY_AUDIO_CALLS,
            Metrics.INBOUND_PLANNED, Metrics.INBOUND_ATTEMPTED, Metrics.INBOUND_DELIVERED, Metrics.CALLER_ID_WRONG, Metrics.FAILOVERS);

    private static final String NO_PHONES = "needs calls the kernel-level lab does not place yet (its phones place "
            + "one call at a time each, from a named extension; no emergency calls)";

    private static final Map<String, KernelFault> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("wan-total-loss", KernelFault.LINK_DOWN);
        RUNS.put("wan-total-loss-field", KernelFault.SILENT_CUT);
        RUNS.put("wan-loss-idle-field", KernelFault.SILENT_CUT);
    }

    /** The full suite's further runs (not in {@code --quick}): calls to the site's DIDs during a silent cut, random loss with a
     * hiccup, a firewall dropping SIP only. */
    private static final Map<String, KernelFault> FULL_ONLY = new LinkedHashMap<>();

    static {
        FULL_ONLY.put("inbound-during-failover", KernelFault.SILENT_CUT);
        FULL_ONLY.put("wan-noise-field", KernelFault.SILENT_CUT);   // 3 % loss by nft numgen, then a 300 ms silent cut
        FULL_ONLY.put("sip-port-blocked", KernelFault.SILENT_CUT);  // nft drop of SIP at the ISP (it has no blackhole)
        // sip1's Kamailio stopped by SIGSTOP, sip2 takes over (it has no blackhole either)
        FULL_ONLY.put("provider-target-down", KernelFault.SILENT_CUT);
        // Resolver silent (SIGSTOP), then answering SERVFAIL (DNAT to a validating dnsmasq), then the primary link down.
        FULL_ONLY.put("dns-failure", KernelFault.LINK_DOWN);
        // conntrack -F, then a port change by the ISP's masquerade, with short conntrack UDP timeouts (no blackhole).
        FULL_ONLY.put("nat-timeout", KernelFault.SILENT_CUT);
    }

    /**
     * The ISPs' conntrack UDP timeouts a scenario runs with, when not the kernel's defaults (30 s
     * unreplied, 120 s assured): nat-timeout's are far below the trunk's re-registration interval,
     * so only the gateway's keepalives (its OPTIONS probes each probeInterval) hold the way in open.
     *
     * @param unrepliedSeconds {@code net.netfilter.nf_conntrack_udp_timeout} in each ISP namespace
     * @param streamSeconds    {@code net.netfilter.nf_conntrack_udp_timeout_stream} there
     */
    public record UdpTimeouts(int unrepliedSeconds, int streamSeconds) {
        public UdpTimeouts {
            if (unrepliedSeconds < 1 || streamSeconds < unrepliedSeconds) {
                throw new IllegalArgumentException("conntrack UDP timeouts " + unrepliedSeconds + " s / " + streamSeconds
                        + " s; expected at least 1 s, and the assured one no shorter than the unreplied one");
            }
        }
    }

    /** The conntrack UDP timeouts for {@code scenario} in the ISP namespaces, or empty for the kernel's defaults. */
    public static Optional<UdpTimeouts> udpTimeouts(String scenario) {
        return scenario.equals("nat-timeout") ? Optional.of(new UdpTimeouts(5, 10)) : Optional.empty();
    }

    private NetnsSuite() {
    }

    /**
     * {@code drill --netns --quick}: total loss by link down with a call up; the field's silent cut
     * by an nft drop, with a call up and no reflector, and with neither.
     */
    public static List<NetnsScenario> quick() {
        return RUNS.entrySet().stream().map(e -> adapt(BuiltInSuite.byName(e.getKey()).orElseThrow(), e.getValue())).toList();
    }

    /**
     * {@code drill --netns}: {@link #quick}, the scenarios with inbound calls, and the faults the
     * kernel makes besides a cut: random loss with a hiccup (no failover may follow) and a firewall
     * dropping SIP only; and the provider's first SRV target stopped (its Kamailio, by SIGSTOP).
     */
    public static List<NetnsScenario> full() {
        List<NetnsScenario> out = new ArrayList<>(quick());
        FULL_ONLY.forEach((name, fault) -> out.add(adapt(BuiltInSuite.byName(name).orElseThrow(), fault)));
        return List.copyOf(out);
    }

    /** The kernel-level lab's version of a built-in scenario, or empty when it stays in-process. */
    public static Optional<NetnsScenario> byName(String name) {
        KernelFault fault = RUNS.getOrDefault(name, FULL_ONLY.get(name));
        return fault == null ? Optional.empty() : BuiltInSuite.byName(name).map(s -> adapt(s, fault));
    }

    /** Built-in scenarios this lab does not run, each with why. */
    public static Map<String, String> inProcessOnly() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Scenario s : BuiltInSuite.all()) {
            if (!RUNS.containsKey(s.name()) && !FULL_ONLY.containsKey(s.name())) {
                out.put(s.name(), reason(s));
            }
        }
        return out;
    }

    /** Why {@code s} stays in-process: the first fault this lab cannot make, else the first call it cannot place. */
    private static String reason(Scenario s) {
        String call = null;
        for (Step step : s.timeline()) {
            Action a = step.action();
            String why = KernelStep.whyNot(a).orElse(null);
            if (why != null) {
                return why;
            }
            if (call == null) {
                call = switch (a) {
                    case Action.EmergencyCall e -> "places an emergency call (" + NO_PHONES + ")";
                    case Action.PlaceCalls p when p.fromAnyPhone() -> "places " + p.count() + " calls from any phone ("
                            + NO_PHONES + ")";
                    case Action.PlaceCalls p when p.from().size() != 1 -> "places calls from " + p.from() + " in one step ("
                            + NO_PHONES + ")";
                    case Action.PlaceCalls p when p.concurrency() > 1 -> "places " + p.concurrency() + " calls at once from "
                            + p.from().get(0) + " (" + NO_PHONES + ")";
                    default -> null;
                };
            }
        }
        return call != null ? call : "its SLOs are all about calls (" + NO_PHONES + ")";
    }

    /**
     * Why an SLO this lab observes is still not judged in {@code s}, or empty. One-way audio after a
     * NAT port change: the lab's provider relays no media and does not latch (Kamailio rewrites the
     * SDP's address to the NAT's and keeps its port; the far end is a baresip that sends where the
     * SDP says), so the far end's audio goes to the port from before the change, whatever the
     * gateway does. Providers' SBCs latch (symmetric RTP), as the in-process lab's provider does.
     * The figure is still measured and shown in the report.
     */
    static Optional<String> notJudgedHere(Scenario s, Slo slo) {
        boolean portChange = s.timeline().stream().anyMatch(step -> step.action() instanceof Action.NatPortChange);
        if (portChange && slo.metric().equals(Metrics.ONE_WAY_AUDIO_CALLS)) {
            return Optional.of("measured but not judged: the lab's provider does not latch media (Kamailio without a media relay "
                    + "keeps the SDP's port, the far end sends there), so after the NAT's port change the far end's audio "
                    + "goes to the old port whatever the gateway does; providers' SBCs latch (symmetric RTP), as the "
                    + "in-process lab's provider does");
        }
        return Optional.empty();
    }

    /** The scenario reduced to path faults and the metrics observed here; what is dropped is listed. */
    static NetnsScenario adapt(Scenario s, KernelFault fault) {
        List<Step> steps = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Step step : s.timeline()) {
            switch (step.action()) {
                case Action.Blackhole b -> steps.add(step);
                case Action.Restore r -> steps.add(step);
                case Action.Mark m -> steps.add(step);
                case Action.Wait w -> steps.add(step);
                case Action.PlaceCalls p when p.from().size() == 1 && p.concurrency() == 1 -> steps.add(step);
                case Action.InboundCalls i -> steps.add(step);
                case Action.Impair i when KernelStep.whyNot(i).isEmpty() -> steps.add(step);   // loss only: nft numgen
                case Action.BlockSip b -> steps.add(step);
                case Action.NatForget n -> steps.add(step);
                case Action.DnsFault d when KernelStep.whyNot(d).isEmpty() -> steps.add(step);
                case Action.ProviderFault p when KernelStep.whyNot(p).isEmpty() -> steps.add(step);   // SIGSTOP of a Kamailio
                case Action.DnsRemove r when KernelStep.whyNot(r).isEmpty() -> steps.add(step);   // dnsmasq restarted without it
                case Action.NatPortChange n when KernelStep.whyNot(n).isEmpty() -> steps.add(step);
                default -> left.add("step at " + step.at().toMillis() / 1000.0 + " s (" + step.action().describe() + "): "
                        + KernelStep.whyNot(step.action()).orElse(NO_PHONES));
            }
        }
        // Keep the built-in timeline's length: failback and late moves are observed until its end.
        Duration lastAt = steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
        Duration rest = s.length().minus(lastAt);
        if (rest.isPositive()) {
            steps.add(new Step(lastAt, new Action.Wait(rest)));
        }
        List<Slo> slos = new ArrayList<>();
        for (Slo slo : s.slos()) {
            Optional<String> notHere = notJudgedHere(s, slo);
            if (notHere.isPresent()) {
                left.add("SLO " + slo.name() + " (" + slo.describe() + "): " + notHere.get());
            } else if (OBSERVED.contains(slo.metric())) {
                slos.add(slo);
            } else {
                left.add("SLO " + slo.name() + " (" + slo.describe() + "): " + switch (slo.metric()) {
                    case Metrics.FAILOVERS_WITHOUT_REASON -> "the reason is in the gateway's own events; this lab judges by its captures only";
                    case Metrics.HANGUPS_LOST -> "not read from the captures yet (it would be the provider's BYE reaching the "
                            + "phone on lan0 after the caller hangs up)";
                    default -> NO_PHONES;
                });
            }
        }
        Scenario adapted = new Scenario(s.name(), s.description(), steps, slos, s.settings());
        return new NetnsScenario(adapted, fault, left);
    }
}
