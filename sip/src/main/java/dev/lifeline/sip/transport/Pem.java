package dev.lifeline.sip.transport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the PEM files operators deploy: certificate chains and bundles, and unencrypted PKCS#8
 * private keys ({@code BEGIN PRIVATE KEY}), the same forms {@link TlsConfig} accepts. Failures
 * are {@link IllegalArgumentException}s whose message says what was expected; callers add the
 * file name.
 */
public final class Pem {

    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private Pem() {
    }

    /** Every certificate in the text, in file order (leaf first for a chain). */
    public static List<X509Certificate> certificates(byte[] pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate found; expected PEM blocks "
                        + "'-----BEGIN CERTIFICATE-----'");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The unencrypted PKCS#8 key in the text. */
    public static PrivateKey privateKey(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            String found = text.contains("-----BEGIN") ? " (found " + firstHeader(text) + ")" : "";
            throw new IllegalArgumentException("no unencrypted PKCS#8 key '" + begin + "'" + found
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key block is not valid base64", e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException tryNext) {
                // a PKCS#8 blob names its algorithm inside; the right factory is the one that accepts it
            }
        }
        throw new IllegalArgumentException("the private key is not an RSA, EC, EdDSA or DSA PKCS#8 key");
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key, proven by a
     * signature. Empty when the key type cannot sign here (then nothing is known).
     */
    public static Optional<Boolean> matches(PrivateKey key, X509Certificate certificate) {
        Optional<String> algorithm = signatureAlgorithm(key);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        byte[] probe = "lifeline key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            PublicKey publicKey = certificate.getPublicKey();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return Optional.of(verifier.verify(signature));
        } catch (GeneralSecurityException | RuntimeException e) {
            // a key of another family than the certificate's cannot even be initialised with it
            return Optional.of(false);
        }
    }

    private static Optional<String> signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> Optional.of("SHA256withECDSA");
            case "RSA" -> Optional.of("SHA256withRSA");
            case "Ed25519", "Ed448", "EdDSA" -> Optional.of(key.getAlgorithm());
            case "DSA" -> Optional.of("SHA256withDSA");
            default -> Optional.empty();
        };
    }

    private static String firstHeader(String text) {
        int from = text.indexOf("-----BEGIN");
        int to = text.indexOf("-----", from + 10);
        return to < 0 ? "an unknown block" : "'" + text.substring(from, to + 5) + "'";
    }
}
