package dev.lifeline.drill.report;

import java.util.Objects;

/**
 * Something that happened during a scenario, marked on its timeline. Offsets run from the
 * scenario's start (the lab's clock), so charts of different scenarios read the same way.
 *
 * @param atOffsetMillis milliseconds since the scenario started; not negative
 * @param type           one of the {@code TYPE_*} names where one fits (charts colour those),
 *                       otherwise any short lower-case word
 * @param summary        one line for people, e.g. "wan1 blackholed (both directions)"
 */
public record ReportEvent(long atOffsetMillis, String type, String summary) {

    /** The lab applied a fault (the instant metrics like {@code detection_s} count from). */
    public static final String TYPE_FAULT = "fault";
    /** The lab removed a fault. */
    public static final String TYPE_RESTORE = "restore";
    /** A scenario step began (place a call, restart the gateway...). */
    public static final String TYPE_STEP = "step";
    /** The gateway reported a path down. */
    public static final String TYPE_PATH_DOWN = "path-down";
    /** The gateway reported a path up again. */
    public static final String TYPE_PATH_UP = "path-up";
    /** The gateway moved traffic to another path. */
    public static final String TYPE_FAILOVER = "failover";
    /** The provider accepted a trunk registration (as the lab saw it). */
    public static final String TYPE_REGISTERED = "registered";
    /** A call started, ended or failed. */
    public static final String TYPE_CALL = "call";

    public ReportEvent {
        if (atOffsetMillis < 0) {
            throw new IllegalArgumentException("event offset " + atOffsetMillis + " ms is negative; offsets run from the scenario's start");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
    }
}
