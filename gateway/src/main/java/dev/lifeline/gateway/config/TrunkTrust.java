package dev.lifeline.gateway.config;

import dev.lifeline.sip.transport.CertificatePin;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom a TLS trunk trusts to vouch for its provider's certificate: always an explicit choice
 * ({@code trust:} in the site file), because the JDK's list of public CAs is a much wider trust
 * than most provider trunks need and should not be had by leaving a line out.
 */
public sealed interface TrunkTrust {

    /** {@code trust: system}: the CAs the JDK trusts (its cacerts). */
    record SystemCas() implements TrunkTrust {
    }

    /** {@code trust: /path/ca.pem}: only the CAs in this PEM bundle, re-read when it changes. */
    record Bundle(Path file) implements TrunkTrust {
        public Bundle {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * {@code trust: sha256:AB:CD:...}: exactly the provider certificate with this SHA-256
     * fingerprint, whatever CA signed it and whatever it names (a self-signed certificate).
     *
     * @param sha256 64 lower-case hex digits
     */
    record Pinned(String sha256) implements TrunkTrust {
        public Pinned {
            sha256 = CertificatePin.parse("sha256:" + Objects.requireNonNull(sha256, "sha256"));
        }
    }

    /** The bundle file, empty for the other choices. */
    default Optional<Path> bundle() {
        return this instanceof Bundle b ? Optional.of(b.file()) : Optional.empty();
    }

    /** The pinned fingerprint (hex), empty for the other choices. */
    default Optional<String> pin() {
        return this instanceof Pinned p ? Optional.of(p.sha256()) : Optional.empty();
    }

    /** As the site file writes it. */
    default String configValue() {
        return switch (this) {
            case SystemCas s -> "system";
            case Bundle b -> b.file().toString();
            case Pinned p -> CertificatePin.display(p.sha256());
        };
    }

    /** {@code system}, {@code sha256:} and a fingerprint, or the path of a PEM bundle. */
    static TrunkTrust parse(String text) {
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).equals("system")) {
            return new SystemCas();
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("sha")) {
            return new Pinned(CertificatePin.parse(t));
        }
        return new Bundle(Scalars.path(t));
    }
}
