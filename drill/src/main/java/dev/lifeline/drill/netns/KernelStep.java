package dev.lifeline.drill.netns;

import dev.lifeline.drill.scenario.Action;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario step as the kernel makes it on an uplink: the commands that make the fault, the
 * commands that undo it, and one line for the report. Pure: {@link #of} only builds commands, the
 * runner runs them (and every undo still pending at the end, also when the run failed).
 *
 * @param kind     what it breaks on the uplink; a later step of the same kind replaces it, and
 *                 {@code restore} undoes {@link #CUT}, {@link #LOSS} and {@link #SIP}
 * @param describe one line for the report, naming where the kernel does it
 * @param apply    commands that make the fault
 * @param undo     commands that end it; empty for a fault that is over at once (a conntrack flush)
 */
public record KernelStep(String kind, String describe, List<List<String>> apply, List<List<String>> undo) {

    /** The whole path cut: link down or the ISP's silent drop. */
    public static final String CUT = "cut";
    /** Random loss by nft {@code numgen random}. */
    public static final String LOSS = "loss";
    /** SIP dropped by a firewall rule. */
    public static final String SIP = "sip";
    /** The ISP's conntrack table flushed. */
    public static final String NAT = "nat";
    /** The path's resolver stopped, or answering SERVFAIL or REFUSED. */
    public static final String DNS = "dns";
    /** A provider target stopped (not an uplink's: the runner keeps it per target). */
    public static final String PROVIDER = "provider";
    /** The ISP's NAT moved the site's flows to other public ports. */
    public static final String PORTS = "ports";

    public KernelStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(describe, "describe");
        apply = List.copyOf(apply);
        undo = List.copyOf(undo);
    }

    /**
     * The kernel's version of a fault step on uplink {@code u}, or empty for a step that is not a
     * fault made here (restore, calls, marks, waits; {@code dnsFault none}, which undoes {@link #DNS}).
     *
     * @param blackhole   what {@code blackhole} means in this scenario
     * @param resolverPid the PID of the uplink's resolver (dnsmasq), for DNS faults
     * @throws IllegalArgumentException for a fault the kernel does not make ({@link #whyNot} says why)
     */
    public static Optional<KernelStep> of(Action action, NetnsPlan plan, NetnsPlan.Uplink u, KernelFault blackhole,
                                          long resolverPid) {
        whyNot(action).ifPresent(why -> {
            throw new IllegalArgumentException(action.describe() + ": " + why);
        });
        return Optional.ofNullable(switch (action) {
            case Action.Blackhole b when b.down() -> blackhole == KernelFault.LINK_DOWN
                    ? new KernelStep(CUT, blackhole.describe(u.siteDevice()), plan.linkDown(u), plan.linkUp(u))
                    : new KernelStep(CUT, blackhole.describe(plan.isp(u)), plan.silentCut(u), plan.silentCutEnd(u));
            case Action.Impair i -> new KernelStep(LOSS, String.format(java.util.Locale.ROOT,
                    "%s %% random loss %s: nft numgen random drop in %s's forward chain", java.math.BigDecimal.valueOf(
                            i.lossPercent()).stripTrailingZeros().toPlainString(), i.direction().name().toLowerCase(java.util.Locale.ROOT), plan.isp(u)),
                    plan.randomLoss(u, i.lossPercent(), i.direction() != Action.Impair.Direction.DOWN,
                            i.direction() != Action.Impair.Direction.UP), plan.randomLossEnd(u));
            case Action.BlockSip s -> new KernelStep(SIP, "SIP blocked: nft drop of port " + NetnsPlan.SIP_PORT + " in "
                    + plan.isp(u) + "'s forward chain, RTP and probes untouched", plan.blockSip(u), plan.blockSipEnd(u));
            case Action.NatForget n -> new KernelStep(NAT, "NAT state lost: conntrack -F in " + plan.isp(u), plan.natForget(u),
                    List.of());
            case Action.DnsFault d when d.mode() == Action.DnsFault.Mode.SILENT -> new KernelStep(DNS, "resolver "
                    + u.resolver() + " silent: dnsmasq (pid " + resolverPid + ") stopped by SIGSTOP",
                    NetnsPlan.resolverSilent(resolverPid), NetnsPlan.resolverBack(resolverPid));
            case Action.DnsFault d when d.mode() == Action.DnsFault.Mode.SERVFAIL || d.mode() == Action.DnsFault.Mode.REFUSED ->
                    dnsAnswers(d.mode(), plan, u);
            case Action.NatPortChange n -> new KernelStep(PORTS, "NAT port change: " + plan.isp(u) + "'s masquerade maps UDP/TCP "
                    + "to ports " + NetnsPlan.CHANGED_PORTS + ", conntrack -F there", plan.natPortChange(u), plan.natPortChangeEnd(u));
            default -> null;
        });
    }

    /** The record sets the lab's resolvers serve, as {@link #recordSet} names them. */
    static final List<String> SERVED = List.of("NAPTR @", "SRV _sip._udp", "A sip1", "A sip2");

    /**
     * The record set a {@code dnsRemove} step takes out, as {@link NetnsPlan#providerRecords} names
     * it: {@code "SRV _sip._udp"}, {@code "A sip1"}.
     */
    public static String recordSet(Action.DnsRemove r) {
        return r.type().spelling() + " " + r.recordName();
    }

    /**
     * The kernel's version of a provider fault on target {@code p.target()} ({@code sip1}, {@code sip2}),
     * or empty for {@code healthy} (which undoes {@link #PROVIDER}).
     *
     * @param pids the target's Kamailio processes (main and workers), all stopped together
     * @throws IllegalArgumentException for a mode the kernel does not make ({@link #whyNot} says why) or a target the lab
     *                                  does not run
     */
    public static Optional<KernelStep> ofProvider(Action.ProviderFault p, List<Long> pids) {
        whyNot(p).ifPresent(why -> {
            throw new IllegalArgumentException(p.describe() + ": " + why);
        });
        NetnsPlan.ProviderTarget t = NetnsPlan.providerTarget(p.target());
        if (p.mode() == Action.ProviderFault.Mode.HEALTHY) {
            return Optional.empty();
        }
        return Optional.of(new KernelStep(PROVIDER, "provider target " + t.name() + " (" + t.address()
                + ") silent: its Kamailio (pids " + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                + ") stopped by SIGSTOP in inet", NetnsPlan.providerStopped(pids), NetnsPlan.providerBack(pids)));
    }

    /** A resolver answering SERVFAIL or REFUSED: its address DNAT-ed in inet to a dnsmasq that answers so. */
    private static KernelStep dnsAnswers(Action.DnsFault.Mode mode, NetnsPlan plan, NetnsPlan.Uplink u) {
        boolean servfail = mode == Action.DnsFault.Mode.SERVFAIL;
        int port = servfail ? NetnsPlan.SERVFAIL_PORT : NetnsPlan.REFUSED_PORT;
        return new KernelStep(DNS, "resolver " + u.resolver() + " answers " + mode.name() + ": nft DNAT in inet of its port 53 to "
                + "port " + port + ", a dnsmasq " + (servfail ? "validating DNSSEC over the unsigned zone (answers abandoned: SERVFAIL)"
                        : "with no upstream and no zone (every name refused)"), plan.resolverAnswers(u, port), plan.resolverAnswersEnd(u));
    }

    /** Why the kernel-level lab cannot make this step, or empty when it can (or the step is no fault). */
    public static Optional<String> whyNot(Action action) {
        return Optional.ofNullable(switch (action) {
            case Action.Impair i when !i.delay().isZero() || !i.jitter().isZero() || i.burst().active() || i.rateKbps() > 0 ->
                    "shapes delay, jitter, bursts or rate (the in-process emulator does; netem is not on every kernel, "
                            + "and the kernel-level lab makes random loss only, by nft numgen)";
            case Action.DnsRemove r when !SERVED.contains(recordSet(r)) -> "removes " + recordSet(r)
                    + ", which the lab's dnsmasq does not serve (it serves " + String.join(", ", SERVED) + ")";
            case Action.ProviderFault p when p.mode() == Action.ProviderFault.Mode.SERVICE_UNAVAILABLE
                    || p.mode() == Action.ProviderFault.Mode.REQUEST_TIMEOUT ->
                    "a provider target answering " + p.mode().spelling() + " (the lab's Kamailio targets are only stopped, "
                            + "for silence)";
            case Action.ProviderFault p when p.mode() == Action.ProviderFault.Mode.DROPPED ->
                    "a provider target gone with its calls' media (the lab's Kamailio does not relay media: its calls' RTP "
                            + "flows between the site and the far end, so stopping the target cannot stop it)";
            case Action.ProviderCertificate c -> "changes the provider's TLS certificate (UDP only here)";
            case Action.RestartGateway r -> "restarts the gateway (not in this slice)";
            case Action.OptionsFlood f -> "floods the gateway from an outsider (not in this slice)";
            default -> null;
        });
    }
}
