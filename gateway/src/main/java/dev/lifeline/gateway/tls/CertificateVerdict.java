package dev.lifeline.gateway.tls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of inspecting a certificate chain.
 *
 * @param reason   one exact sentence for people, e.g. "expires on 2026-12-01 (6 days)",
 *                 "certificate expired on 2026-10-01", "unknown issuer CN=Example CA"
 * @param notAfter the leaf's expiry; empty when no certificate was seen
 * @param leaf     the leaf's subject DN; empty when no certificate was seen
 */
public record CertificateVerdict(Severity severity, String reason, Optional<Instant> notAfter, Optional<String> leaf) {

    public CertificateVerdict {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(leaf, "leaf");
    }

    /** Invalid before any certificate was seen (unreachable, unreadable file, handshake refused early). */
    public static CertificateVerdict unseen(String reason) {
        return new CertificateVerdict(Severity.INVALID, reason, Optional.empty(), Optional.empty());
    }

    CertificateVerdict invalid(String why) {
        return new CertificateVerdict(Severity.INVALID, why, notAfter, leaf);
    }
}
