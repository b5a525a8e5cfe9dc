package dev.lifeline.gateway.tls;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest verdict on one checked certificate, for status pages.
 *
 * @param subject e.g. "provider sip1.provider.example:5061 via wan1", "listener tls 0.0.0.0:5061"
 */
public record CertificateStatus(String subject, CertificateVerdict verdict, Instant checkedAt) {

    public CertificateStatus {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public Severity severity() {
        return verdict.severity();
    }
}
