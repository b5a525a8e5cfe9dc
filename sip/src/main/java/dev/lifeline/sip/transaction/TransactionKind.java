package dev.lifeline.sip.transaction;

import java.time.Instant;

/** The four machines of RFC 3261 §17, and how each begins. */
public enum TransactionKind {
    INVITE_CLIENT,
    NON_INVITE_CLIENT,
    INVITE_SERVER,
    NON_INVITE_SERVER;

    /**
     * Creates the machine for a request just sent (client) or just received (server). The
     * first step carries the initial actions: transmit the request, or pass it to the TU.
     */
    public Step start(TimerConfig config, boolean reliable, Instant now) {
        return start(config, reliable, now, config.transactionTimeout());
    }

    /**
     * As {@link #start(TimerConfig, boolean, Instant)}, an INVITE client transaction giving up
     * after {@code timerB} without any response (other kinds ignore it).
     */
    public Step start(TimerConfig config, boolean reliable, Instant now, java.time.Duration timerB) {
        return switch (this) {
            case INVITE_CLIENT -> InviteClient.start(config, reliable, now, timerB);
            case NON_INVITE_CLIENT -> NonInviteClient.start(config, reliable, now);
            case INVITE_SERVER -> InviteServer.start(config, reliable, now);
            case NON_INVITE_SERVER -> NonInviteServer.start(config, reliable, now);
        };
    }

    public boolean client() {
        return this == INVITE_CLIENT || this == NON_INVITE_CLIENT;
    }

    /** The kind for a request method; ACK never creates a transaction (§17). */
    public static TransactionKind forMethod(String method, boolean client) {
        boolean invite = "INVITE".equals(method);
        if (client) {
            return invite ? INVITE_CLIENT : NON_INVITE_CLIENT;
        }
        return invite ? INVITE_SERVER : NON_INVITE_SERVER;
    }
}
