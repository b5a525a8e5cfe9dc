package dev.lifeline.sip.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS material, all PEM: this node's certificate chain (leaf first) and its PKCS#8 private key,
 * which serve inbound connections and are offered as the client certificate on outbound ones;
 * and a bundle of trusted certificates for verifying peers (the JDK's default trust store when
 * absent). Only TLS 1.2 and 1.3 are negotiated.
 *
 * @param verifyHostname check that an outbound peer's certificate names the target host
 *                       (RFC 5922); off only for labs that address peers by bare IP without SANs
 */
public record TlsConfig(
        Path certificateChain,
        Path privateKey,
        Optional<Path> trustBundle,
        ClientAuth clientAuth,
        boolean verifyHostname) {

    /** Whether inbound TLS connections must present a certificate. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRE }

    public TlsConfig {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    public static TlsConfig of(Path certificateChain, Path privateKey, Path trustBundle) {
        return new TlsConfig(certificateChain, privateKey, Optional.of(trustBundle), ClientAuth.NONE, true);
    }

    public TlsConfig withClientAuth(ClientAuth mode) {
        return new TlsConfig(certificateChain, privateKey, trustBundle, mode, verifyHostname);
    }
}
