package dev.lifeline.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A local address where phones reach the gateway.
 *
 * @param tls the certificate and key, present exactly when the transport is TLS
 */
public record Listener(Transport transport, HostPort address, Optional<TlsFiles> tls) {

    public Listener {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
    }
}
