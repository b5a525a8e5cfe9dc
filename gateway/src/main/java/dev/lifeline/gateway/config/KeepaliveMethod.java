package dev.lifeline.gateway.config;

import java.util.Locale;

/** How the gateway keeps NAT bindings toward phones open. */
public enum KeepaliveMethod {
    /** SIP OPTIONS: also proves the phone still answers. */
    OPTIONS,
    /** RFC 5626 double-CRLF ping: lighter, understood by fewer phones over UDP. */
    CRLF;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
