package dev.lifeline.sip.auth;

import java.util.Optional;

/** Quality of protection (RFC 7616 §3.3). {@link #NONE} is the RFC 2617 legacy form. */
public enum Qop {
    NONE(""),
    AUTH("auth"),
    AUTH_INT("auth-int");

    private final String wireName;

    Qop(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code auth} or {@code auth-int}, case-insensitively; empty for anything else. */
    public static Optional<Qop> fromWireName(String name) {
        if (AUTH.wireName.equalsIgnoreCase(name)) {
            return Optional.of(AUTH);
        }
        if (AUTH_INT.wireName.equalsIgnoreCase(name)) {
            return Optional.of(AUTH_INT);
        }
        return Optional.empty();
    }
}
