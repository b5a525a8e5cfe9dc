package dev.lifeline.gateway.tls;

import dev.lifeline.gateway.config.TlsFiles;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made at test time: CAs and leaves with chosen validity windows and names, and their PEM files. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestCertificates() {
    }

    /** A certificate with its key pair; {@code chain} is leaf first, ending with the issuing CA. */
    record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {

        /** Writes NAME-chain.pem and NAME-key.pem (PKCS#8) under {@code dir}. */
        TlsFiles write(Path dir, String name) {
            try {
                Files.createDirectories(dir);
                Path chainFile = dir.resolve(name + "-chain.pem");
                Path keyFile = dir.resolve(name + "-key.pem");
                pem(chainFile, chain.toArray());
                pem(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
                return new TlsFiles(chainFile, keyFile);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A certificate authority valid from {@code from} to {@code to}. */
    static final class Authority {
        final String name;
        final Issued self;

        private Authority(String name, Issued self) {
            this.name = name;
            this.self = self;
        }

        X509Certificate certificate() {
            return self.certificate();
        }

        /**
         * A leaf for {@code names} (IPv4 literals, URIs written with their scheme such as
         * {@code sip:provider.example}, or DNS names) valid from {@code from} to {@code to}.
         */
        Issued leaf(Instant from, Instant to, String... names) {
            KeyPair keys = ecKeys();
            GeneralNames sans = new GeneralNames(Arrays.stream(names)
                    .map(h -> h.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, h)
                            : h.matches("[a-z]+:.*") ? new GeneralName(GeneralName.uniformResourceIdentifier, h)
                            : new GeneralName(GeneralName.dNSName, h))
                    .toArray(GeneralName[]::new));
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        new X500Name(self.certificate().getSubjectX500Principal().getName()),
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                        new X500Name("CN=" + (names.length > 0 ? names[0] : "leaf")), keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                if (names.length > 0) {
                    builder.addExtension(Extension.subjectAlternativeName, false, sans);
                }
                X509Certificate leaf = sign(builder, self.keys());
                return new Issued(leaf, keys, List.of(leaf, self.certificate()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the CA certificate as a one-certificate trust bundle. */
        Path bundle(Path dir) {
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve(name.replace(' ', '-') + "-ca.pem");
                pem(file, self.certificate());
                return file;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Authority authority(String name, Instant from, Instant to) {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(builder, keys);
            return new Authority(name, new Issued(ca, keys, List.of(ca)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
    }
}
