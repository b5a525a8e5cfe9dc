package dev.lifeline.gateway.config;

/**
 * How many calls one caller may hold up at once: every call costs relay ports and, while it
 * rings, INVITE transactions toward the phones. Without a bound one phone (or anyone who
 * sends from the provider's address, which a UDP sender can forge) exhausts them with INVITEs
 * nobody answers. Emergency calls are never counted and never refused.
 *
 * @param callsPerExtension calls an extension may have placed and not yet ended (ringing or answered)
 * @param ringingPerTrunk   calls from one trunk's provider that may ring unanswered at once
 */
public record CallLimits(int callsPerExtension, int ringingPerTrunk) {

    /** Four calls a phone (hold, consult, transfer, conference fit), thirty ringing from a provider. */
    public static final CallLimits DEFAULT = new CallLimits(4, 30);

    public CallLimits {
        if (callsPerExtension < 1) {
            throw new IllegalArgumentException("callsPerExtension must be at least 1, was " + callsPerExtension);
        }
        if (ringingPerTrunk < 1) {
            throw new IllegalArgumentException("ringingPerTrunk must be at least 1, was " + ringingPerTrunk);
        }
    }
}
