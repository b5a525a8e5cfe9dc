package dev.lifeline.sip.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TLS material for outbound connections to some peers (typically one provider trunk): whom to
 * trust and which certificate, if any, to present. All PEM; files are re-read when they change
 * (see {@link TlsMaterial}). Registered by name with {@link TlsMaterial#putClientProfile} and
 * selected per remote host by {@link TlsMaterial#routeHost}.
 *
 * @param trustBundle      CAs trusted for the peer; the JDK's default trust store when absent
 * @param certificateChain client certificate chain (leaf first), present together with the key
 * @param privateKey       PKCS#8 key of the client certificate
 * @param verifyHostname   check that the peer's certificate names whom it should: the SIP domain
 *                         when one is given, else the target's host string; off only for labs
 *                         that address peers by bare IP
 * @param sipDomain        the SIP domain the peers of this profile serve (a trunk's provider
 *                         domain): every connection, whichever host it goes to (an SRV
 *                         target), must present a certificate for this domain by the rules of
 *                         RFC 5922 ({@link SipDomainIdentity}), and asks for it by SNI
 * @param pinnedSha256     instead of CAs and names, trust exactly the server certificate with
 *                         this SHA-256 fingerprint ({@link CertificatePin}, 64 hex digits)
 */
public record TlsClientProfile(Optional<Path> trustBundle, Optional<Path> certificateChain,
                               Optional<Path> privateKey, boolean verifyHostname, Optional<String> sipDomain,
                               Optional<String> pinnedSha256) {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.?");

    public TlsClientProfile {
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(sipDomain, "sipDomain");
        Objects.requireNonNull(pinnedSha256, "pinnedSha256");
        pinnedSha256 = pinnedSha256.map(pin -> CertificatePin.parse("sha256:" + pin));
        if (pinnedSha256.isPresent() && trustBundle.isPresent()) {
            throw new IllegalArgumentException("a profile trusts either a pinned certificate or the CAs of a bundle, not both");
        }
        if (sipDomain.isPresent() && !DNS_NAME.matcher(sipDomain.get()).matches()) {
            throw new IllegalArgumentException("a SIP domain is a DNS name, e.g. provider.example; got " + sipDomain.get());
        }
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs both its chain and its private key, got "
                    + (certificateChain.isPresent() ? "only the chain " + certificateChain.get()
                                                    : "only the key " + privateKey.get()));
        }
    }

    /** Trusts the CAs in {@code bundle}, presents no certificate, verifies the host name. */
    public static TlsClientProfile trusting(Path bundle) {
        return new TlsClientProfile(Optional.of(bundle), Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
    }

    /** Trusts the JDK's default CAs, presents no certificate, verifies the host name. */
    public static TlsClientProfile defaultTrust() {
        return new TlsClientProfile(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
    }

    public TlsClientProfile withClientCertificate(Path chain, Path key) {
        return new TlsClientProfile(trustBundle, Optional.of(chain), Optional.of(key), verifyHostname, sipDomain,
                pinnedSha256);
    }

    public TlsClientProfile withVerifyHostname(boolean value) {
        return new TlsClientProfile(trustBundle, certificateChain, privateKey, value, sipDomain, pinnedSha256);
    }

    /** The same profile authenticating its peers as servers of {@code domain} (RFC 5922). */
    public TlsClientProfile withSipDomain(String domain) {
        return new TlsClientProfile(trustBundle, certificateChain, privateKey, verifyHostname,
                Optional.of(Objects.requireNonNull(domain, "domain")), pinnedSha256);
    }

    /** Trusts only the server certificate with SHA-256 fingerprint {@code sha256} (hex), presents none. */
    public static TlsClientProfile pinned(String sha256) {
        return new TlsClientProfile(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty(),
                Optional.of(sha256));
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
