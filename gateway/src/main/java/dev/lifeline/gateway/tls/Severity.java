package dev.lifeline.gateway.tls;

import java.util.Locale;

/** How urgent a certificate's state is, from fine to unusable. */
public enum Severity {
    /** Valid, trusted, names match, and far from expiry. */
    OK,
    /** Expires within the warning threshold (30 days by default). */
    WARNING,
    /** Expires within the critical threshold (7 days by default). */
    CRITICAL,
    /** Handshakes fail or will: expired, not yet valid, untrusted, wrong name, unreadable. */
    INVALID;

    /** The lower-case word events and the status page use: "ok", "warning", "critical", "invalid". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
