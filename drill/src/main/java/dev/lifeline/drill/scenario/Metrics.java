package dev.lifeline.drill.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a run of a scenario measured: named numbers, in the order they were recorded. Times run
 * from the instant the lab applied the fault ({@link Scenario#faultAtOrBefore}) and are observed
 * by the lab, not taken from the gateway's word. A metric that could not be measured is absent,
 * never NaN; SLOs on it fail as "not measured".
 *
 * <p>The names below are the ones the built-in suite and the report use; a custom scenario may
 * use any name made of lower-case letters, digits and '_'.
 *
 * @param values metric name → value, finite
 */
public record Metrics(Map<String, Double> values) {

    // ---- failover timing (seconds from the fault)
    /**
     * Until the first packet the gateway sends on another path than the one cut (a SIP request
     * other than an OPTIONS probe, or call media), as that path's WAN emulator saw it; only a
     * path the site was not using before the fault counts, and only when the cut path was in use.
     */
    public static final String DETECTION_S = "detection_s";
    /** The gateway's word: until its own path-down event for the path cut. */
    public static final String DETECTION_GATEWAY_S = "detection_gateway_s";
    /** Until the provider's 200 OK for the trunk REGISTER arriving over the new path (or target). */
    public static final String REGISTRATION_RECOVERY_S = "registration_recovery_s";
    /** The longest stretch an active call's phone heard no audio. */
    public static final String AUDIO_GAP_S = "audio_gap_s";
    /**
     * From the preferred path being restored (while the trunk was registered elsewhere) until the
     * provider's 200 for a trunk REGISTER that came through that path's NAT again (hold-down included).
     */
    public static final String FAILBACK_S = "failback_s";
    /** Times the trunk's registration moved from one path's NAT address to another's, as the provider saw it. */
    public static final String FAILOVERS = "failovers";
    /**
     * Of the {@link #FAILOVERS}, moves away from a path the lab had not failed beyond what the
     * gateway should tolerate (a move back to the preferred path is a failback, never false).
     */
    public static final String FALSE_FAILOVERS = "false_failovers";
    /** The gateway's word: times it declared one of its WAN paths down. */
    public static final String PATHS_DOWN = "paths_down_gateway";
    /** The gateway's word: its path switches that named no reason. */
    public static final String FAILOVERS_WITHOUT_REASON = "failovers_without_reason";

    // ---- suspicion without cause (held calls, comfort noise)
    /**
     * Confirmation bursts the gateway sent on the paths carrying call media, as the paths' WAN
     * emulators saw them. A probe round is the OPTIONS to every provider target within 30 ms (a
     * smaller group, such as the trunk's keepalive to its registration target, is none). A round
     * is extra when it leaves under 300 ms after the one before, or, after an answer, under 0.8
     * of the probe interval from both neighbours; extra rounds in a row with no answer (a 200
     * back on the path) between them are one burst. A path shows no more bursts than it has
     * rounds beyond its fixed-rate schedule from its first round to its last. A path nobody
     * failed must not be suspected.
     */
    public static final String SUSPICIONS = "suspicions";
    /** The gateway's word: times it declared one of its paths suspect (PathSuspicion "suspect"). */
    public static final String SUSPICIONS_GATEWAY = "suspicions_gateway";
    /** Calls the timeline's hold steps found up, as the phones saw them. */
    public static final String HOLDS_PLANNED = "holds_planned";
    /** Of those, calls the far end let the phone hold (2xx to its a=sendonly re-INVITE), as the phone saw it. */
    public static final String HELD_CALLS = "held_calls";
    /**
     * Of the held calls, those the far end let the phone resume (2xx to a=sendrecv) whose phone
     * then played at least 0.5 s of audio again, as the phone counted the packets.
     */
    public static final String HELD_CALLS_RESUMED = "held_calls_resumed";
    /** Audio packets the phones received while their calls were held (a far end that honours the hold sends none). */
    public static final String HELD_AUDIO_PACKETS = "held_audio_packets";
    /** Calls to the lab's quiet far end whose phone received RFC 3389 comfort noise, as the phone counted it. */
    public static final String COMFORT_NOISE_CALLS = "comfort_noise_calls";

    // ---- call setup and quality
    /** 95th percentile of INVITE → 200 OK over the calls placed, milliseconds. */
    public static final String CALL_SETUP_P95_MS = "call_setup_p95_ms";
    /** Lowest MOS-CQE (the phone's E-model rating, ITU-T P.800.1) of any call (whole call). */
    public static final String MOS_MIN = "mos_min";
    /** MOS the phones heard from 2 s after the last failover to the end of their calls (E-model from loss and buffer delay). */
    public static final String MOS_AFTER_FAILOVER = "mos_after_failover";
    /**
     * Kernel-level lab, per scenario, as the site's baresip phones decoded it (their sndfile
     * recordings of the numbered signal the far end sends): the lowest G.107 MOS-CQE for G.711 from
     * the loss heard, the highest loss heard, the longest stretch of frames not heard.
     */
    public static final String MOS_HEARD_PHONE = "mos_heard_phone";
    public static final String LOSS_HEARD_PHONE_PCT = "loss_heard_phone_pct";
    public static final String AUDIO_GAP_HEARD_PHONE_S = "audio_gap_heard_phone_s";
    /** Mean MOS-CQE over the calls. */
    public static final String MOS_MEAN = "mos_mean";
    /**
     * Largest |MOS-CQE the phones rated − ITU-T G.107's MOS-CQE for the configured loss| over the
     * random-loss steps, the phones' figure being the mean of their own ratings (burst ratio and
     * delay included) of the calls held within the step, G.107's a reference table for G.711 with
     * PLC. Beside it, per step: {@code heard_loss_N_pct}, {@code mos_cqe_at_loss_N_pct},
     * {@code mos_g107_at_loss_N_pct}.
     */
    public static final String MOS_CQE_DEVIATION_MAX = "mos_cqe_deviation_max";
    /** The worst call's loss as its phone heard it, late discards included, percent. */
    public static final String LOSS_MAX_PCT = "loss_max_pct";
    /** The worst call's interarrival jitter (RFC 3550) at its phone, milliseconds. */
    public static final String JITTER_MAX_MS = "jitter_max_ms";
    /** The worst call's mouth-to-ear delay: network, jitter buffer and coding, milliseconds. */
    public static final String MOUTH_TO_EAR_MAX_MS = "mouth_to_ear_max_ms";
    /** Calls in which one side heard nothing at all (one-way audio). */
    public static final String ONE_WAY_AUDIO_CALLS = "one_way_audio_calls";
    /** Calls the provider hung up whose phone never heard the BYE (a ghost call left on the phone). */
    public static final String HANGUPS_LOST = "hangups_lost";

    // ---- which leg is losing packets (runs with impairLan or impair steps)
    /** The gateway's word: answered calls whose CallEnded named the LAN leg (phone ↔ gateway) alone as losing packets. */
    public static final String LAN_LEG_NAMED = "lan_leg_named_gateway";
    /** The gateway's word: answered calls whose CallEnded named the WAN leg, or both legs, as losing packets. */
    public static final String WAN_LEG_NAMED = "wan_leg_named_gateway";
    /** The gateway's word: the worst loss its relay measured on a LAN leg (phone → gateway), percent. */
    public static final String LAN_LEG_LOSS_MAX_PCT = "lan_leg_loss_max_gateway_pct";
    /** The gateway's word: the worst loss its relay measured on a WAN leg (provider → gateway), percent. */
    public static final String WAN_LEG_LOSS_MAX_PCT = "wan_leg_loss_max_gateway_pct";
    /** RTP packets the lab phones' LAN segments dropped on the way to the gateway, percent of those sent (the lab's count). */
    public static final String LAN_DROPPED_PCT = "lan_dropped_pct";

    // ---- calls placed by phones (placeCalls)
    /** Calls the timeline's placeCalls steps ask for. */
    public static final String CALLS_PLANNED = "calls_planned";
    /** Calls the phones placed (an INVITE left, or the lab had no phone to place it from). */
    public static final String CALLS_ATTEMPTED = "calls_attempted";
    public static final String CALLS_COMPLETED = "calls_completed";
    /** Calls that never connected. */
    public static final String CALLS_FAILED = "calls_failed";
    /** Calls that connected and ended before their planned duration, not by the phone. */
    public static final String CALLS_DROPPED = "calls_dropped";
    /** Of the planned calls, those to an extension, a group or an emergency number of the site. */
    public static final String INTERNAL_CALLS_PLANNED = "internal_calls_planned";
    /** Of the attempted calls, those to an extension, a group or an emergency number of the site. */
    public static final String INTERNAL_CALLS_ATTEMPTED = "internal_calls_attempted";
    /** Of the failed calls, those to an extension or a group of the site. */
    public static final String INTERNAL_CALLS_FAILED = "internal_calls_failed";
    /** Of the failed calls, those to any other number. */
    public static final String EXTERNAL_CALLS_FAILED = "external_calls_failed";
    /** Longest time from INVITE to the final error answer of a failed external call, milliseconds. */
    public static final String EXTERNAL_FAIL_MAX_MS = "external_fail_max_ms";
    /** Failed external calls whose answer gave no reason (no Reason header, a bare status). */
    public static final String EXTERNAL_FAILS_WITHOUT_REASON = "external_fails_without_reason";

    // ---- inbound calls (inboundCalls)
    /** Inbound calls the timeline asks the provider for. */
    public static final String INBOUND_PLANNED = "inbound_planned";
    public static final String INBOUND_ATTEMPTED = "inbound_attempted";
    /** Inbound calls that rang a phone and were answered. */
    public static final String INBOUND_DELIVERED = "inbound_delivered";
    /** Delivered inbound calls whose caller ID was not presented per the site's rules. */
    public static final String CALLER_ID_WRONG = "caller_id_wrong";

    // ---- phones and the gateway
    /** From the reboot (restartGateway / registerAll) until every phone is registered again. */
    public static final String PHONES_REREGISTERED_S = "phones_reregistered_s";
    /** Registrations acknowledged before a gateway restart and missing after it. */
    public static final String BINDINGS_LOST = "bindings_lost";
    /**
     * From a registration storm's first REGISTER until every storm phone had its 200 OK, as the
     * storm phones saw it; absent when some never registered within the storm's bound.
     */
    public static final String STORM_REGISTERED_S = "storm_registered_s";
    /** Storm phones without a 200 OK when the storm's bound ran out. */
    public static final String STORM_UNREGISTERED = "storm_unregistered";
    /** Storm phones whose binding the gateway did not list when they asked afterwards (or that got no answer). */
    public static final String STORM_BINDINGS_LOST = "storm_bindings_lost";
    /** 503 answers the storm phones got during the storm (each backed off as told, then retried). */
    public static final String STORM_REFUSED = "storm_refused";
    /** 99th percentile of a storm phone's REGISTER-to-200 time, challenge and retries included. */
    public static final String STORM_REGISTER_P99_MS = "storm_register_p99_ms";
    /** The slowest answered emergency call's setup (INVITE to answer), as the calling phone saw it. */
    public static final String EMERGENCY_SETUP_MAX_MS = "emergency_setup_max_ms";
    /** Emergency calls the timeline asks for. */
    public static final String EMERGENCY_PLANNED = "emergency_planned";
    public static final String EMERGENCY_ATTEMPTED = "emergency_attempted";
    /** Emergency calls answered (by the provider or by the configured fallback). */
    public static final String EMERGENCY_CONNECTED = "emergency_connected";
    /** Certificate events the gateway raised about a certificate it saw (a check that could not connect is none). */
    public static final String CERTIFICATE_EVENTS = "certificate_events";
    /** From a provider target starting to present a bad certificate to the gateway's first event about one. */
    public static final String CERTIFICATE_EVENT_S = "certificate_event_s";

    private static final Metrics EMPTY = new Metrics(Map.of());

    public Metrics {
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(requireName(name), requireValue(name, value)));
        values = Collections.unmodifiableMap(copy);
    }

    /** No measurements. */
    public static Metrics empty() {
        return EMPTY;
    }

    public static Metrics of(Map<String, Double> values) {
        return new Metrics(values);
    }

    /** The value of {@code name}, empty when it was not measured. */
    public OptionalDouble get(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** These metrics and {@code name = value} (replacing an earlier value). */
    public Metrics with(String name, double value) {
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Metrics(copy);
    }

    /** These metrics and every one of {@code other} (other's values win). */
    public Metrics with(Metrics other) {
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new Metrics(copy);
    }

    public Set<String> names() {
        return values.keySet();
    }

    static String requireName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("metric " + Checks.quote(name)
                    + " is not a metric name; expected lower-case letters, digits and '_', e.g. detection_s");
        }
        return name;
    }

    private static double requireValue(String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " is " + value
                    + "; expected a finite number (leave a metric out when it was not measured)");
        }
        return value;
    }

    /** The unit a metric name carries: "MOS", "ms", "%", "s" or "" for a count. */
    public static String unit(String metric) {
        if (metric.startsWith("mos_") || metric.endsWith("_mos")) {
            return "MOS";   // e.g. mos_at_loss_3_pct: a MOS, at the 3 % step
        }
        if (metric.endsWith("_ms")) {
            return "ms";
        }
        if (metric.endsWith("_pct")) {
            return "%";
        }
        return metric.endsWith("_s") ? "s" : "";
    }
}
