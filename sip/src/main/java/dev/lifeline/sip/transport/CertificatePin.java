package dev.lifeline.sip.transport;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A pinned server certificate: the SHA-256 fingerprint of the DER encoding of the one leaf
 * certificate trusted, written {@code sha256:} and 64 hex digits, colons allowed between
 * pairs (as {@code openssl x509 -fingerprint -sha256} prints it). For providers whose
 * self-signed certificate no CA vouches for.
 */
public final class CertificatePin {

    private static final String PREFIX = "sha256:";

    private CertificatePin() {
    }

    /**
     * The pin in canonical form, 64 lower-case hex digits.
     *
     * @throws IllegalArgumentException saying what a pin looks like
     */
    public static String parse(String text) {
        String t = text.strip();
        if (!t.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("a pinned certificate is written sha256: and its fingerprint");
        }
        String hex = t.substring(PREFIX.length()).replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("\"" + t + "\" is not a SHA-256 fingerprint; expected sha256: and 64 hex"
                    + " digits, e.g. from openssl x509 -noout -fingerprint -sha256 -in provider.pem");
        }
        return hex;
    }

    /** The certificate's SHA-256 fingerprint, 64 lower-case hex digits. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code sha256:} and the fingerprint in pairs, as operators compare it with openssl's output. */
    public static String display(String pin) {
        String hex = pin.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(PREFIX);
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, Math.min(i + 2, hex.length()));
        }
        return out.toString();
    }
}
