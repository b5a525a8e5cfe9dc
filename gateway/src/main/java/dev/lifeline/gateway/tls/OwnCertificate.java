package dev.lifeline.gateway.tls;

import dev.lifeline.gateway.config.TlsFiles;
import java.util.Objects;

/**
 * One of the gateway's own certificates, e.g. a TLS listener's.
 *
 * @param subject what it serves, e.g. "listener tls 0.0.0.0:5061"
 */
public record OwnCertificate(String subject, TlsFiles files) {

    public OwnCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(files, "files");
    }
}
