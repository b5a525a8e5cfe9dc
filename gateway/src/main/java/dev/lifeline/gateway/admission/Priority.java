package dev.lifeline.gateway.admission;

/**
 * Classes of new requests, most important first. Each sheds over its own band of load
 * ({@link AdmissionPolicy}): the lower the class, the earlier it starts being refused.
 */
public enum Priority {
    /** An INVITE to an emergency number: never refused for load. */
    EMERGENCY,
    /** A request inside a dialog (To tag): BYE, re-INVITE, UPDATE, INFO... ending or keeping calls up. */
    IN_DIALOG,
    /** A new call. */
    NEW_CALL,
    /**
     * A REGISTER carrying credentials: a phone's refresh, or the second half of a
     * registration already challenged, which finishes work already half done.
     */
    REGISTER_WITH_CREDENTIALS,
    /** A REGISTER without credentials: the start of a registration (it will be challenged). */
    NEW_REGISTER,
    /** Everything else out of dialog: OPTIONS, SUBSCRIBE, MESSAGE, NOTIFY, PUBLISH. */
    OTHER;

    /** Short name for counters and logs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
