package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.Mark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in failure suite as data: one scenario per failure mode of the design (F1–F7 and
 * local survivability), with stable names. Targets come from the design's defaults: total loss
 * detected within 1 s, the trunk registered on the other path within 2 s, audio back within
 * 1.5 s, no failover under 3 % random loss or a 300 ms hiccup, failback after the 10 s hold-down.
 *
 * <p>Names used from the example site configuration ({@code examples/site.yaml}): paths
 * {@link #PRIMARY} and {@link #SECONDARY}, extensions 1001–1010, group 600 (critical, the
 * emergency fallback), DIDs {@link #DID_RECEPTION} and {@link #DID_GROUP}, emergency number 911.
 * Provider targets {@link #TARGET_1} and {@link #TARGET_2} are the lab provider's; external calls
 * dial {@link #EXTERNAL}, which the lab provider answers.
 */
public final class BuiltInSuite {

    public static final String PRIMARY = "wan1";
    public static final String SECONDARY = "wan2";
    public static final String TARGET_1 = "sip1";
    public static final String TARGET_2 = "sip2";
    /** An outside number in E.164; the lab provider answers it (echo). */
    public static final String EXTERNAL = "+15557000";
    /**
     * An outside number the lab provider answers as a quiet far end: a second of speech, then
     * RFC 3389 comfort noise only (the lab's {@code Lab.QUIET_NUMBER}).
     */
    public static final String EXTERNAL_QUIET = "+15557013";
    /** DID routed to extension 1001. */
    public static final String DID_RECEPTION = "+15550100";
    /** DID routed to the critical group 600. */
    public static final String DID_GROUP = "+15550199";
    public static final String GROUP = "600";
    public static final String EMERGENCY = "911";

    /** Names of {@link #quick()}, for {@code drill --quick}: one scenario per kind of survival, under a minute. */
    public static final List<String> QUICK = List.of("wan-total-loss", "wan-total-loss-field", "provider-target-down",
            "local-survivability");

    /** Without a reflector: the provider offers no help, as in the field. */
    private static final Map<String, String> FIELD = Map.of(Scenario.REFLECTOR, "none");

    private static final List<Scenario> ALL = List.of(wanTotalLoss(), wanTotalLossField(), wanLossIdleField(),
            wanNoiseField(), wanQuietField(), wanDegradation(), lossAudioQuality(),
            dnsFailure(), natTimeout(), sipPortBlocked(), rebootStorm(), registrationStorm(), optionsFlood(),
            lanLoss(),
            certExpired(), providerTargetDown(),
            inboundDuringFailover(), localSurvivability());

    private BuiltInSuite() {
    }

    /** Every built-in scenario, in the order the suite runs them. */
    public static List<Scenario> all() {
        return ALL;
    }

    /** The smoke subset for CI: {@link #QUICK}, in that order. */
    public static List<Scenario> quick() {
        return QUICK.stream().map(n -> byName(n).orElseThrow()).toList();
    }

    /** The built-in scenario called {@code name}. */
    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The built-in names, for {@code --list} and for "unknown scenario" messages. */
    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    // ------------------------------------------------------------------ F2

    static Scenario wanTotalLoss() {
        return new Scenario("wan-total-loss",
                "The primary WAN goes dark mid-call and comes back 6 s later: the gateway detects it, re-registers "
                        + "the trunk on the secondary path, moves the call's media, and fails back after the hold-down.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 24, 1)),
                        step(2, new Action.Blackhole(PRIMARY, true)),
                        step(8, new Action.Restore(PRIMARY)),
                        step(8, new Action.Mark("primary restored; failback after the 10 s hold-down"))),
                List.of(
                        Slo.atMost("detection", Metrics.DETECTION_S, 1, "s"),
                        Slo.atMost("registration recovery", Metrics.REGISTRATION_RECOVERY_S, 2, "s"),
                        Slo.atMost("audio gap", Metrics.AUDIO_GAP_S, 1.5, "s"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls"),
                        Slo.atMost("failback", Metrics.FAILBACK_S, 15, "s")),
                Map.of());
    }

    static Scenario wanTotalLossField() {
        return new Scenario("wan-total-loss-field",
                "As wan-total-loss, but with no quality-probe reflector, as with a provider that runs none: the "
                        + "call's own media (silent while the phone keeps sending) makes the path suspect, a burst of "
                        + "OPTIONS confirms it, and the call moves to the secondary.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 9, 1)),
                        step(2, new Action.Blackhole(PRIMARY, true)),
                        step(8, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.atMost("detection", Metrics.DETECTION_S, 1, "s"),
                        Slo.atMost("registration recovery", Metrics.REGISTRATION_RECOVERY_S, 2, "s"),
                        Slo.atMost("audio gap", Metrics.AUDIO_GAP_S, 1.5, "s"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls")),
                FIELD);
    }

    static Scenario wanLossIdleField() {
        return new Scenario("wan-loss-idle-field",
                "No reflector and no call up: the primary WAN goes dark and only OPTIONS can tell. A probe "
                        + "unanswered after 300 ms makes the path suspect and a burst confirms it.",
                List.of(
                        step(1, new Action.Blackhole(PRIMARY, true)),
                        step(5, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.atMost("detection", Metrics.DETECTION_S, 2, "s"),
                        Slo.atMost("registration recovery", Metrics.REGISTRATION_RECOVERY_S, 3, "s")),
                FIELD);
    }

    static Scenario wanNoiseField() {
        return new Scenario("wan-noise-field",
                "No reflector, a call up: 3 % random loss both ways, then a 300 ms hiccup. Neither may cause a "
                        + "failover: suspicion from the media or a late probe must end when the path answers.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 10, 1)),
                        step(1, new Action.Impair(PRIMARY, Action.Impair.Direction.BOTH, Duration.ZERO, Duration.ZERO,
                                3, BurstLoss.NONE, 0)),
                        step(6, new Action.Restore(PRIMARY)),
                        stepMs(7_000, new Action.Blackhole(PRIMARY, true)),
                        stepMs(7_300, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.equalTo("failovers", Metrics.FAILOVERS, 0, "failovers"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls")),
                FIELD);
    }

    static Scenario wanQuietField() {
        return new Scenario("wan-quiet-field",
                "No reflector, a clean path and two calls whose far end is silent on purpose: one the phone puts "
                        + "on hold for 5 s (re-INVITE a=sendonly; the provider answers recvonly and stops sending), "
                        + "one to a far end that only sends comfort noise (RFC 3389) after its first second. The "
                        + "media watch must not suspect the path (no confirmation burst, as the WAN emulator sees "
                        + "the OPTIONS), no failover, and the held call gets its audio back when resumed.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 9, 1)),
                        step(0, calls(List.of("1002"), EXTERNAL_QUIET, 1, 9, 1)),
                        step(2, new Action.Hold("1001", Duration.ofSeconds(5)))),
                List.of(
                        Slo.equalTo("suspicions", Metrics.SUSPICIONS, 0, "bursts"),
                        Slo.equalTo("suspicions (the gateway's word)", Metrics.SUSPICIONS_GATEWAY, 0, "suspicions"),
                        Slo.equalTo("failovers", Metrics.FAILOVERS, 0, "failovers"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls"),
                        Slo.atLeast("calls completed", Metrics.CALLS_COMPLETED, 2, "calls"),
                        Slo.equalTo("call held", Metrics.HELD_CALLS, 1, "calls"),
                        Slo.equalTo("held call resumed with audio", Metrics.HELD_CALLS_RESUMED, 1, "calls"),
                        Slo.equalTo("comfort noise heard", Metrics.COMFORT_NOISE_CALLS, 1, "calls")),
                FIELD);
    }

    // ------------------------------------------------------------------ F1

    static Scenario wanDegradation() {
        return new Scenario("wan-degradation",
                "The primary WAN degrades: mild loss and jitter and a 300 ms hiccup must not cause a failover; "
                        + "heavy bursty loss must, once quality stays below the floor, and calls must sound fine after.",
                List.of(
                        step(0, calls(List.of("1001", "1002"), EXTERNAL, 2, 36, 2)),
                        step(2, new Action.Mark("mild: 2 % loss, 40 ms ± 10 ms")),
                        step(2, new Action.Impair(PRIMARY, Action.Impair.Direction.BOTH, Duration.ofMillis(40),
                                Duration.ofMillis(10), 2, BurstLoss.NONE, 0)),
                        step(10, new Action.Restore(PRIMARY)),
                        step(12, new Action.Mark("hiccup: 300 ms blackhole")),
                        stepMs(12_000, new Action.Blackhole(PRIMARY, true)),
                        stepMs(12_300, new Action.Restore(PRIMARY)),
                        step(15, new Action.Mark("severe: 5 % random and 5 % in bursts of 4, 150 ms ± 40 ms")),
                        step(15, new Action.Impair(PRIMARY, Action.Impair.Direction.BOTH, Duration.ofMillis(150),
                                Duration.ofMillis(40), 5, BurstLoss.ofMeanLength(4, 5), 0)),
                        step(28, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.equalTo("no false failovers", Metrics.FALSE_FAILOVERS, 0, "failovers"),
                        Slo.atMost("failover on quality", Metrics.DETECTION_S, 7, "s"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls"),
                        Slo.atLeast("MOS after the failover", Metrics.MOS_AFTER_FAILOVER, 3.6, "MOS")),
                Map.of());
    }

    static Scenario lossAudioQuality() {
        List<Step> steps = new ArrayList<>();
        // Loss on the way down only, and on both paths alike: whatever path the gateway picks, the
        // phones receive the loss the step names, which is what the G.107 reference is for.
        // Each step's own calls, 6 at once for 6 s from 1 s into it: every phone rates a call heard
        // under one loss only, and 1 800 frames a step keep the sampling error of the loss small
        // (at 5 %, ±0.5 % for one standard deviation, about 0.05 MOS).
        double[] losses = {0, 1, 3, 5};
        for (int i = 0; i < losses.length; i++) {
            int at = 1 + i * 8;
            steps.add(step(at, new Action.Mark("loss " + Checks.plain(losses[i]) + " %")));
            for (String path : List.of(PRIMARY, SECONDARY)) {
                steps.add(step(at, losses[i] == 0 ? new Action.Restore(path)
                        : new Action.Impair(path, Action.Impair.Direction.DOWN, Duration.ZERO, Duration.ZERO,
                                losses[i], BurstLoss.NONE, 0)));
            }
            steps.add(step(at + 1, calls(List.of("1001", "1002", "1003", "1004", "1005", "1006"), EXTERNAL, 6, 6, 6)));
        }
        steps.add(step(33, new Action.Restore(PRIMARY)));
        steps.add(step(33, new Action.Restore(SECONDARY)));
        return new Scenario("loss-audio-quality",
                "Controlled random loss of 0, 1, 3 and 5 % on the media path, 8 s each, with 6 calls held within each "
                        + "step: the MOS-CQE the phones rate stays within 0.2 of ITU-T G.107's for G.711 with PLC at "
                        + "that loss; the loss they heard is reported beside the loss configured.",
                steps,
                List.of(
                        Slo.atMost("MOS-CQE against G.107", Metrics.MOS_CQE_DEVIATION_MAX, 0.2, "MOS"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls")),
                Map.of());
    }

    // ------------------------------------------------------------------ F3

    static Scenario dnsFailure() {
        return new Scenario("dns-failure",
                "The primary path's resolver stops answering, then answers SERVFAIL, then its view loses the "
                        + "provider's SRV records; last, the secondary's resolver stops answering and the primary "
                        + "link goes down, so the failover must locate the provider from stale answers (RFC 8767): "
                        + "calls still set up, from the cache (serve-stale) or the other path.",
                List.of(
                        step(0, new Action.DnsFault(PRIMARY, Action.DnsFault.Mode.SILENT)),
                        step(1, calls(List.of("1001"), EXTERNAL, 1, 2, 1)),
                        step(4, new Action.DnsFault(PRIMARY, Action.DnsFault.Mode.SERVFAIL)),
                        step(5, calls(List.of("1002"), EXTERNAL, 1, 2, 1)),
                        step(8, new Action.DnsFault(PRIMARY, Action.DnsFault.Mode.NONE)),
                        step(8, new Action.DnsRemove(PRIMARY, "_sip._udp", Action.DnsRemove.RecordType.SRV)),
                        step(9, calls(List.of("1003"), EXTERNAL, 1, 2, 1)),
                        // The secondary's cached answers (TTL 5 s) expire before its link is needed.
                        step(12, new Action.DnsFault(SECONDARY, Action.DnsFault.Mode.SILENT)),
                        step(18, new Action.Blackhole(PRIMARY, true)),
                        step(20, calls(List.of("1004"), EXTERNAL, 2, 2, 1)),
                        step(26, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls"),
                        Slo.atLeast("calls completed", Metrics.CALLS_COMPLETED, 5, "calls"),
                        Slo.atMost("call setup p95", Metrics.CALL_SETUP_P95_MS, 3000, "ms"),
                        Slo.atMost("registration recovery", Metrics.REGISTRATION_RECOVERY_S, 4, "s")),
                Map.of());
    }

    // ------------------------------------------------------------------ F4

    static Scenario natTimeout() {
        return new Scenario("nat-timeout",
                "The primary path's NAT forgets its mappings, later gives them new public ports (with a call up): "
                        + "inbound calls still arrive (keepalives and re-registration restore the way in), audio flows "
                        + "both ways, and the provider's hang-up still reaches the phone.",
                List.of(
                        step(0, new Action.NatForget(PRIMARY)),
                        // The second of these is up (about 6.5-10.5 s) when the NAT changes ports.
                        step(2, new Action.InboundCalls(DID_RECEPTION, Action.InboundCalls.CallerIdFormat.E164, 2,
                                Duration.ofSeconds(4))),
                        step(9, new Action.NatPortChange(PRIMARY)),
                        step(11, new Action.InboundCalls(DID_RECEPTION, Action.InboundCalls.CallerIdFormat.E164, 2,
                                Duration.ofSeconds(3)))),
                List.of(
                        Slo.atLeast("inbound delivered", Metrics.INBOUND_DELIVERED, 4, "calls"),
                        Slo.equalTo("one-way audio", Metrics.ONE_WAY_AUDIO_CALLS, 0, "calls"),
                        Slo.equalTo("provider hang-ups lost", Metrics.HANGUPS_LOST, 0, "calls")),
                Map.of());
    }

    static Scenario sipPortBlocked() {
        return new Scenario("sip-port-blocked",
                "A firewall on the primary path starts dropping SIP while RTP still passes: the gateway names the "
                        + "reason, fails over, and inbound and outbound calls go through the secondary path.",
                List.of(
                        step(1, new Action.BlockSip(PRIMARY)),
                        step(8, new Action.InboundCalls(DID_RECEPTION, Action.InboundCalls.CallerIdFormat.E164, 2,
                                Duration.ofSeconds(3))),
                        step(8, calls(List.of("1002"), EXTERNAL, 2, 3, 1)),
                        step(14, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.atMost("detection", Metrics.DETECTION_S, 5, "s"),
                        Slo.equalTo("failover reason named", Metrics.FAILOVERS_WITHOUT_REASON, 0, "failovers"),
                        Slo.atLeast("inbound delivered", Metrics.INBOUND_DELIVERED, 2, "calls"),
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls")),
                Map.of());
    }

    // ------------------------------------------------------------------ F5

    static Scenario rebootStorm() {
        return new Scenario("reboot-storm",
                "The gateway restarts under call load and every phone re-registers at once: bindings survive the "
                        + "restart, every phone is back within 30 s, and an emergency call during the storm connects.",
                List.of(
                        step(0, calls(List.of(), EXTERNAL, 4, 15, 4)),
                        step(3, new Action.RestartGateway()),
                        step(3, new Action.RegisterAll()),
                        step(4, new Action.EmergencyCall("1005", EMERGENCY)),
                        // Keep observing for the whole 30 s allowance, so a slow recovery is measured, not missed.
                        step(15, new Action.Wait(Duration.ofSeconds(18)))),
                List.of(
                        Slo.atMost("all phones back", Metrics.PHONES_REREGISTERED_S, 30, "s"),
                        Slo.equalTo("bindings lost", Metrics.BINDINGS_LOST, 0, "bindings"),
                        Slo.atLeast("emergency call connected", Metrics.EMERGENCY_CONNECTED, 1, "calls")),
                Map.of(Scenario.PHONES, "10"));
    }

    /**
     * Phones in the registration storm. The lab's storm phones, lab phones, provider and WAN
     * emulators share the machine with the gateway, so the suite storms with 3,000 (back in
     * about a second on 2 cores, with room for a busy machine); 10,000 against the gateway as
     * its own process is {@code bench/kamailio/run}.
     */
    static final int STORM_PHONES = 3_000;

    static Scenario registrationStorm() {
        return new Scenario("registration-storm",
                "3,000 phones are registered; then every one of them registers again at once, as when a site's power "
                        + "or LAN comes back: each is registered again within 10 s as the phones saw it (503s with "
                        + "Retry-After allowed, retried as phones do), no binding is lost, three emergency calls placed "
                        + "during the storm connect within 2 s (they go ahead of the waiting REGISTERs), and no WAN "
                        + "path is declared down.",
                List.of(
                        step(1, new Action.RegistrationStorm(Duration.ofSeconds(15))),
                        stepMs(1_300, new Action.EmergencyCall("1005", EMERGENCY)),
                        stepMs(1_800, new Action.EmergencyCall("1004", EMERGENCY)),
                        stepMs(2_500, new Action.EmergencyCall("1003", EMERGENCY))),
                List.of(
                        Slo.atMost("every phone registered again", Metrics.STORM_REGISTERED_S, 10, "s"),
                        Slo.equalTo("bindings lost", Metrics.STORM_BINDINGS_LOST, 0, "bindings"),
                        Slo.equalTo("emergency calls connected", Metrics.EMERGENCY_CONNECTED, 3, "calls"),
                        Slo.atMost("emergency call setup", Metrics.EMERGENCY_SETUP_MAX_MS, 2_000, "ms"),
                        Slo.equalTo("paths declared down", Metrics.PATHS_DOWN, 0, "paths")),
                Map.of(Scenario.STORM_PHONES, Integer.toString(STORM_PHONES)));
    }

    static Scenario optionsFlood() {
        return new Scenario("options-flood",
                "An outsider floods the gateway's SIP port with 5,000 OPTIONS a second for 12 s, without credentials "
                        + "(a scanner, or an attack): the gateway's own probes and trunk keep working, so no path goes "
                        + "down and no failover happens; calls out and in, and an emergency call, go through during "
                        + "the flood.",
                List.of(
                        step(1, new Action.OptionsFlood(5_000, Duration.ofSeconds(12))),
                        step(3, calls(List.of("1002"), EXTERNAL, 3, 3, 1)),
                        step(4, new Action.InboundCalls(DID_RECEPTION, Action.InboundCalls.CallerIdFormat.E164, 2,
                                Duration.ofSeconds(3))),
                        step(6, new Action.EmergencyCall("1005", EMERGENCY))),
                List.of(
                        Slo.equalTo("failovers", Metrics.FAILOVERS, 0, "failovers"),
                        Slo.equalTo("paths declared down", Metrics.PATHS_DOWN, 0, "paths"),
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls"),
                        Slo.atLeast("inbound delivered", Metrics.INBOUND_DELIVERED, 2, "calls"),
                        Slo.atLeast("emergency call connected", Metrics.EMERGENCY_CONNECTED, 1, "calls")),
                Map.of());
    }

    // ------------------------------------------------------------------ the LAN, not the WAN

    static Scenario lanLoss() {
        return new Scenario("lan-loss",
                "Voice is bad but the internet is fine: the LAN between the phones and the gateway (a bad switch "
                        + "port, Wi-Fi) loses 5 % of the RTP both ways during a call to an external number, the WAN "
                        + "paths stay clean. The gateway must not fail over (that would not help) and must name the "
                        + "LAN leg as the one losing packets.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 12, 1)),
                        step(2, new Action.ImpairLan(Action.ImpairLan.ALL, Action.Impair.Direction.BOTH, 5,
                                Duration.ZERO))),
                List.of(
                        Slo.equalTo("failovers", Metrics.FAILOVERS, 0, "failovers"),
                        Slo.equalTo("paths declared down", Metrics.PATHS_DOWN, 0, "paths"),
                        Slo.atLeast("LAN leg named", Metrics.LAN_LEG_NAMED, 1, "calls"),
                        Slo.equalTo("WAN leg not named", Metrics.WAN_LEG_NAMED, 0, "calls"),
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls")),
                // The far end sends its own audio: an echo would carry the LAN's losses back as the provider's.
                Map.of(Scenario.PROVIDER_MEDIA, "tone"));
    }

    // ------------------------------------------------------------------ F6

    static Scenario certExpired() {
        return new Scenario("cert-expired",
                "The first provider target presents an expired TLS certificate: the gateway raises a clear "
                        + "certificate event within seconds (its own handshakes fail; nobody asks it to check) "
                        + "and calls go through the other target.",
                List.of(
                        step(0, new Action.ProviderCertificate(TARGET_1, Action.ProviderCertificate.State.EXPIRED)),
                        step(2, calls(List.of("1001"), EXTERNAL, 3, 3, 1)),
                        step(12, new Action.ProviderCertificate(TARGET_1, Action.ProviderCertificate.State.VALID))),
                List.of(
                        Slo.atLeast("certificate event", Metrics.CERTIFICATE_EVENTS, 1, "events"),
                        Slo.atMost("certificate event within", Metrics.CERTIFICATE_EVENT_S, 10, "s"),
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls")),
                Map.of(Scenario.TRUNK_TRANSPORT, "tls"));
    }

    // ------------------------------------------------------------------ F7

    static Scenario providerTargetDown() {
        return new Scenario("provider-target-down",
                "The primary SRV target stops answering SIP: a call placed at once reaches the next target "
                        + "after the INVITE's target timeout, trunk registration and later calls move there, and "
                        + "the call already up keeps its audio.",
                List.of(
                        step(0, calls(List.of("1001"), EXTERNAL, 1, 16, 1)),
                        step(2, new Action.ProviderFault(TARGET_1, Action.ProviderFault.Mode.SILENT)),
                        // Before the OPTIONS probes notice: the INVITE itself must give up on sip1.
                        step(3, calls(List.of("1003"), EXTERNAL, 1, 3, 1)),
                        step(8, calls(List.of("1002"), EXTERNAL, 2, 4, 1)),
                        step(16, new Action.ProviderFault(TARGET_1, Action.ProviderFault.Mode.HEALTHY))),
                List.of(
                        Slo.atMost("registration on next target", Metrics.REGISTRATION_RECOVERY_S, 6, "s"),
                        Slo.equalTo("calls failed", Metrics.CALLS_FAILED, 0, "calls"),
                        Slo.atMost("call setup p95", Metrics.CALL_SETUP_P95_MS, 6000, "ms"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls")),
                Map.of());
    }

    static Scenario inboundDuringFailover() {
        return new Scenario("inbound-during-failover",
                "Inbound calls arrive while the primary path is down: an answered call keeps its audio, new ones "
                        + "are delivered over the secondary path, with caller ID shown per the site's rules.",
                List.of(
                        step(0, new Action.InboundCalls(DID_RECEPTION, Action.InboundCalls.CallerIdFormat.E164, 1,
                                Duration.ofSeconds(16))),
                        step(2, new Action.Blackhole(PRIMARY, true)),
                        step(5, new Action.InboundCalls(DID_GROUP, Action.InboundCalls.CallerIdFormat.NATIONAL, 2,
                                Duration.ofSeconds(3))),
                        step(11, new Action.InboundCalls(DID_GROUP, Action.InboundCalls.CallerIdFormat.ANONYMOUS, 1,
                                Duration.ofSeconds(3))),
                        step(16, new Action.Restore(PRIMARY))),
                List.of(
                        Slo.atLeast("inbound delivered", Metrics.INBOUND_DELIVERED, 4, "calls"),
                        Slo.equalTo("caller ID wrong", Metrics.CALLER_ID_WRONG, 0, "calls"),
                        Slo.atMost("registration recovery", Metrics.REGISTRATION_RECOVERY_S, 2, "s"),
                        Slo.atMost("audio gap", Metrics.AUDIO_GAP_S, 1.5, "s"),
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls")),
                Map.of());
    }

    // ------------------------------------------------------------------ local survivability

    static Scenario localSurvivability() {
        return new Scenario("local-survivability",
                "Every WAN path is down: calls between extensions and to the critical group work, an emergency "
                        + "call takes the configured fallback, and other outside calls fail at once with a reason.",
                List.of(
                        step(0, new Action.Blackhole(PRIMARY, true)),
                        step(0, new Action.Blackhole(SECONDARY, true)),
                        step(3, calls(List.of("1004"), "1002", 2, 3, 2)),
                        step(3, calls(List.of("1005"), GROUP, 1, 3, 1)),
                        step(4, new Action.EmergencyCall("1006", EMERGENCY)),
                        step(5, calls(List.of("1007"), EXTERNAL, 2, 3, 2)),
                        step(9, new Action.Restore(PRIMARY)),
                        step(9, new Action.Restore(SECONDARY))),
                List.of(
                        Slo.equalTo("internal calls failed", Metrics.INTERNAL_CALLS_FAILED, 0, "calls"),
                        Slo.atLeast("emergency call connected", Metrics.EMERGENCY_CONNECTED, 1, "calls"),
                        Slo.atLeast("outside calls refused", Metrics.EXTERNAL_CALLS_FAILED, 2, "calls"),
                        Slo.atMost("outside calls refused at once", Metrics.EXTERNAL_FAIL_MAX_MS, 1000, "ms"),
                        Slo.equalTo("refusals name a reason", Metrics.EXTERNAL_FAILS_WITHOUT_REASON, 0, "calls")),
                Map.of());
    }

    // ------------------------------------------------------------------ helpers

    private static Step step(int seconds, Action action) {
        return new Step(Duration.ofSeconds(seconds), action);
    }

    private static Step stepMs(long millis, Action action) {
        return new Step(Duration.ofMillis(millis), action);
    }

    private static Action.PlaceCalls calls(List<String> from, String to, int count, int seconds, int concurrency) {
        return new Action.PlaceCalls(from, to, count, Duration.ofSeconds(seconds), concurrency);
    }
}
