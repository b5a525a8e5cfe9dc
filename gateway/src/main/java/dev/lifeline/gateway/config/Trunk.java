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
 * @param trust whom the trunk trusts for its provider's certificate; present exactly when the
 *              transport is TLS, since a TLS trunk must choose (see {@link TrunkTrust})
 * @param clientCertificate certificate and key presented to the provider (TLS only)
 */
public record Trunk(String name, HostPort provider, Transport transport, Optional<String> username,
                    Optional<Secret> password, boolean register, Duration registrationExpires,
                    CallerIdPresentation callerId, int priority, Optional<TrunkTrust> trust,
                    Optional<TlsFiles> clientCertificate) {

    public Trunk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(registrationExpires, "registrationExpires");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        if (transport == Transport.TLS && trust.isEmpty()) {
            throw new IllegalArgumentException("TLS trunk " + name + " needs a trust choice: the system CAs or a CA bundle");
        }
    }

    /** The PEM bundle of CAs the trunk trusts; empty for the system CAs (or no TLS). */
    public Optional<Path> trustBundle() {
        return trust.flatMap(TrunkTrust::bundle);
    }
}
