package dev.lifeline.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP trunk to a provider or cloud PBX.
 *
 * @param provider a domain (resolved by RFC 3263 NAPTR/SRV/A on the active path) or host:port
 * @param username the digest / registration user; present when {@code register} is true
 * @param password prints as *** ; present when {@code register} is true
 * @param register whether the gateway keeps a registration up with the provider
 * @param registrationExpires the Expires asked for in REGISTER
 * @param priority lower is preferred; emergency calls take the first reachable trunk in this order
 * @param trustBundle PEM bundle of CAs trusted for this provider (TLS only); the JDK's when absent
 * @param clientCertificate certificate and key presented to the provider (TLS only)
 */
public record Trunk(String name, HostPort provider, Transport transport, Optional<String> username,
                    Optional<Secret> password, boolean register, Duration registrationExpires,
                    CallerIdPresentation callerId, int priority, Optional<Path> trustBundle,
                    Optional<TlsFiles> clientCertificate) {

    public Trunk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(registrationExpires, "registrationExpires");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
    }
}
