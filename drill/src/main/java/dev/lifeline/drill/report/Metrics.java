package dev.lifeline.drill.report;

/**
 * The metric names the report, the reading and the runbook know. Times run from the instant
 * the lab applied the fault and are observed by the lab, not taken from the gateway's word.
 * A name ends in its unit: {@code _s} seconds, {@code _ms} milliseconds; {@code mos_} names
 * are E-model MOS (1–4.5); anything else is a plain count.
 */
public final class Metrics {

    /** Fault applied → the gateway's path-down event. */
    public static final String DETECTION_S = "detection_s";
    /** Fault applied → the provider's 200 OK for the trunk REGISTER arriving over the new path. */
    public static final String REGISTRATION_RECOVERY_S = "registration_recovery_s";
    /** The longest stretch an active call's phone heard no audio. */
    public static final String AUDIO_GAP_S = "audio_gap_s";
    /** Fault removed → traffic back on the preferred path (after the hold-down). */
    public static final String FAILBACK_S = "failback_s";
    /** 95th percentile of INVITE → 200 OK as the calling phone saw it. */
    public static final String CALL_SETUP_P95_MS = "call_setup_p95_ms";
    /** Lowest per-call MOS. */
    public static final String MOS_MIN = "mos_min";
    /** Mean per-call MOS. */
    public static final String MOS_MEAN = "mos_mean";
    /** Path switches the fault did not justify (flapping). */
    public static final String FALSE_FAILOVERS = "false_failovers";
    /** Gateway restart → every phone registered again. */
    public static final String PHONES_REREGISTERED_S = "phones_reregistered_s";
    /** Calls that were up when the fault began and ended before the scenario hung them up. */
    public static final String CALLS_DROPPED = "calls_dropped";
    /** Calls attempted during the scenario. */
    public static final String CALLS_ATTEMPTED = "calls_attempted";
    /** Calls that did not connect. */
    public static final String CALLS_FAILED = "calls_failed";
    /** A provider target starts presenting a bad certificate → the gateway's first event about it. */
    public static final String CERTIFICATE_EVENT_S = "certificate_event_s";
    /** 1 when the emergency call placed during the scenario connected, 0 when it did not. */
    public static final String EMERGENCY_CALL_CONNECTED = "emergency_call_connected";

    private Metrics() {
    }

    /** The unit a metric name carries: "s", "ms", "MOS" or "" for a count. */
    public static String unit(String metric) {
        if (metric.endsWith("_ms")) {
            return "ms";
        }
        if (metric.endsWith("_s")) {
            return "s";
        }
        return metric.startsWith("mos_") || metric.endsWith("_mos") ? "MOS" : "";
    }
}
