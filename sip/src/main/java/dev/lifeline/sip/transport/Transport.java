package dev.lifeline.sip.transport;

import java.util.Locale;
import java.util.Optional;

/** The SIP transports this layer speaks, as named in the Via transport token. */
public enum Transport {
    UDP(false, 5060),
    TCP(true, 5060),
    TLS(true, 5061);

    private final boolean reliable;
    private final int defaultPort;

    Transport(boolean reliable, int defaultPort) {
        this.reliable = reliable;
        this.defaultPort = defaultPort;
    }

    /** True for stream transports, where a response goes back on the request's connection (RFC 3261 §18.2.2). */
    public boolean reliable() {
        return reliable;
    }

    /** The port implied when a Via or URI names none (RFC 3261 §19.1.2: 5060, 5061 for TLS). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The Via transport token, e.g. "UDP". */
    public String viaToken() {
        return name();
    }

    /** Parses a Via transport token case-insensitively; empty for transports this layer lacks (SCTP, WS). */
    public static Optional<Transport> fromViaToken(String token) {
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> Optional.of(UDP);
            case "TCP" -> Optional.of(TCP);
            case "TLS" -> Optional.of(TLS);
            default -> Optional.empty();
        };
    }
}
