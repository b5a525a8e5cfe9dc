package dev.lifeline.gateway.config;

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

    /** The bundle file, empty for {@link SystemCas}. */
    default Optional<Path> bundle() {
        return this instanceof Bundle b ? Optional.of(b.file()) : Optional.empty();
    }

    /** As the site file writes it. */
    default String configValue() {
        return this instanceof Bundle b ? b.file().toString() : "system";
    }

    /** {@code system}, or the path of a PEM bundle. */
    static TrunkTrust parse(String text) {
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).equals("system")) {
            return new SystemCas();
        }
        return new Bundle(Scalars.path(t));
    }
}
