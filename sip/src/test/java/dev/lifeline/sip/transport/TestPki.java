package dev.lifeline.sip.transport;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for tests: a root and leaf certificates for 127.0.0.1 and
 * localhost, written as PEM files the way an operator would deploy them.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final String name;
    private final KeyPair caKeys;
    private final X509CertificateHolder caCert;

    private TestPki(String name, KeyPair caKeys, X509CertificateHolder caCert) {
        this.name = name;
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    /** PEM files of one node: chain (leaf then CA), its PKCS#8 key, and the CA as trust bundle. */
    record NodeFiles(Path chain, Path key, Path trust) {

        TlsConfig tlsConfig() {
            return TlsConfig.of(chain, key, trust);
        }
    }

    static TestPki create(String name) {
        try {
            KeyPair keys = ecKeys();
            X500Name subject = new X500Name("CN=" + name + " test CA");
            org.bouncycastle.cert.X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(name, keys, builder.build(signer(keys)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a leaf for 127.0.0.1/localhost and writes chain, key and this CA's bundle under {@code dir}. */
    NodeFiles issue(Path dir, String node) {
        return issue(dir, node, "127.0.0.1", "localhost");
    }

    /** Issues a leaf with no subjectAltName extension: its only name is the subject's CN {@code node}. */
    NodeFiles issueWithoutAltNames(Path dir, String node) {
        return issue(dir, node, new String[0]);
    }

    /**
     * Issues a leaf whose subject alternative names are {@code hosts}: IPv4 literals, URIs
     * (written with their scheme, e.g. {@code sip:provider.test}) or DNS names. Without hosts
     * the leaf has no subjectAltName extension, only its CN {@code node}.
     */
    NodeFiles issue(Path dir, String node, String... hosts) {
        try {
            KeyPair keys = ecKeys();
            GeneralNames names = new GeneralNames(java.util.Arrays.stream(hosts)
                    .map(h -> h.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, h)
                            : h.matches("[a-z]+:.*") ? new GeneralName(GeneralName.uniformResourceIdentifier, h)
                            : new GeneralName(GeneralName.dNSName, h))
                    .toArray(GeneralName[]::new));
            org.bouncycastle.cert.X509v3CertificateBuilder builder = builder(caCert.getSubject(), new X500Name("CN=" + node), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (hosts.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            X509CertificateHolder leaf = builder.build(signer(caKeys));
            Files.createDirectories(dir);
            Path chain = dir.resolve(node + "-chain.pem");
            Path key = dir.resolve(node + "-key.pem");
            Path trust = dir.resolve(name + "-ca.pem");
            writePem(chain, leaf, caCert);
            writePem(key, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            writePem(trust, caCert);
            return new NodeFiles(chain, key, trust);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                subject, keys.getPublic());
    }

    private static org.bouncycastle.operator.ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
    }
}
