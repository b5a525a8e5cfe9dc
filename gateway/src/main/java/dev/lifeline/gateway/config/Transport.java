package dev.lifeline.gateway.config;

import java.util.Locale;

/** The SIP transports a listener or trunk can use. */
public enum Transport {
    UDP, TCP, TLS;

    /** As written in the configuration: "udp", "tcp", "tls". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
