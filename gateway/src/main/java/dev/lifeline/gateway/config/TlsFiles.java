package dev.lifeline.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate chain and its private key, both PEM files. They are read (and re-read when
 * they change) by the TLS layer, not here, so a renewed certificate needs no config reload.
 */
public record TlsFiles(Path certificate, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
