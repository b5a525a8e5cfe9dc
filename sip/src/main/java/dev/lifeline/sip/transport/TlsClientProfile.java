package dev.lifeline.sip.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS material for outbound connections to some peers (typically one provider trunk): whom to
 * trust and which certificate, if any, to present. All PEM; files are re-read when they change
 * (see {@link TlsMaterial}). Registered by name with {@link TlsMaterial#putClientProfile} and
 * selected per remote host by {@link TlsMaterial#routeHost}.
 *
 * @param trustBundle      CAs trusted for the peer; the JDK's default trust store when absent
 * @param certificateChain client certificate chain (leaf first), present together with the key
 * @param privateKey       PKCS#8 key of the client certificate
 * @param verifyHostname   check that the peer's certificate names the target's host string
 *                         (RFC 5922); off only for labs that address peers by bare IP
 */
public record TlsClientProfile(Optional<Path> trustBundle, Optional<Path> certificateChain,
                               Optional<Path> privateKey, boolean verifyHostname) {

    public TlsClientProfile {
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs both its chain and its private key, got "
                    + (certificateChain.isPresent() ? "only the chain " + certificateChain.get()
                                                    : "only the key " + privateKey.get()));
        }
    }

    /** Trusts the CAs in {@code bundle}, presents no certificate, verifies the host name. */
    public static TlsClientProfile trusting(Path bundle) {
        return new TlsClientProfile(Optional.of(bundle), Optional.empty(), Optional.empty(), true);
    }

    /** Trusts the JDK's default CAs, presents no certificate, verifies the host name. */
    public static TlsClientProfile defaultTrust() {
        return new TlsClientProfile(Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    public TlsClientProfile withClientCertificate(Path chain, Path key) {
        return new TlsClientProfile(trustBundle, Optional.of(chain), Optional.of(key), verifyHostname);
    }

    public TlsClientProfile withVerifyHostname(boolean value) {
        return new TlsClientProfile(trustBundle, certificateChain, privateKey, value);
    }

    /** The files this profile reads, for change polling and error messages. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        certificateChain.ifPresent(files::add);
        privateKey.ifPresent(files::add);
        trustBundle.ifPresent(files::add);
        return List.copyOf(files);
    }
}
