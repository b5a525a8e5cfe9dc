package dev.lifeline.drill.lab;

import dev.lifeline.gateway.config.TlsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's own small PKI, made at lab start: one CA, and leaf certificates it issues for the
 * provider's targets and the gateway's TLS listener, written as PEM files (chain leaf first, key
 * PKCS#8) under a directory of the lab. The CA's file is what the lab's trunk trusts
 * ({@code trust}). Keys are EC P-256, signatures SHA-256 with ECDSA; names go into the
 * subject alternative names (DNS names, or IP addresses for IPv4 literals), the first also into
 * the subject's CN.
 *
 * <p>BouncyCastle builds the certificates because the JDK has no public API to issue one; only
 * its builders are used, signing goes through the JDK's own providers.
 */
public final class LabCertificates {

    /** How long the CA and valid leaves stay valid from lab start (far longer than any drill). */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** How long ago an expired leaf expired: past any warning threshold, plainly expired. */
    static final Duration EXPIRED_FOR = Duration.ofDays(30);

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final InstantSource clock;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    private LabCertificates(Path dir, InstantSource clock, KeyPair caKeys, X509Certificate ca, Path caFile) {
        this.dir = dir;
        this.clock = clock;
        this.caKeys = caKeys;
        this.ca = ca;
        this.caFile = caFile;
    }

    /**
     * Makes a CA called {@code name} (valid from a day ago for {@link #VALIDITY}) and writes its
     * certificate to {@code dir}/lab-ca.pem.
     *
     * @throws UncheckedIOException when the directory or a file cannot be written
     */
    public static LabCertificates create(Path dir, String name, InstantSource clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(builder, keys);
            Files.createDirectories(dir);
            Path file = dir.resolve("lab-ca.pem");
            pem(file, ca);
            return new LabCertificates(dir, clock, keys, ca, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab CA under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate's PEM file: a one-certificate trust bundle. */
    public Path caBundle() {
        return caFile;
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A leaf for {@code hosts} valid from an hour ago for {@link #VALIDITY}, written as {@code file}-chain.pem and -key.pem. */
    public TlsFiles valid(String file, String... hosts) {
        Instant now = clock.instant();
        return issue(file, now.minus(Duration.ofHours(1)), now.plus(VALIDITY), hosts);
    }

    /** A leaf for {@code hosts} that expired {@link #EXPIRED_FOR} ago (issued a year before that). */
    public TlsFiles expired(String file, String... hosts) {
        Instant end = clock.instant().minus(EXPIRED_FOR);
        return issue(file, end.minus(VALIDITY), end, hosts);
    }

    /**
     * A leaf for {@code hosts} (DNS names or IPv4 literals; at least one) valid from {@code from}
     * to {@code to}, for TLS servers and clients, chained to the lab CA.
     */
    public TlsFiles issue(String file, Instant from, Instant to, String... hosts) {
        Objects.requireNonNull(file, "file");
        if (hosts.length == 0) {
            throw new IllegalArgumentException("a lab certificate needs at least one host name");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("certificate " + file + ": notAfter " + to + " is not after notBefore " + from);
        }
        KeyPair keys = ecKeys();
        GeneralNames names = new GeneralNames(Arrays.stream(hosts)
                .map(h -> h.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, h)
                                               : new GeneralName(GeneralName.dNSName, h))
                .toArray(GeneralName[]::new));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(ca.getSubjectX500Principal().getName()), serial(), Date.from(from), Date.from(to),
                    new X500Name("CN=" + hosts[0]), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, names);
            X509Certificate leaf = sign(builder, caKeys);
            Path chain = dir.resolve(file + "-chain.pem");
            Path key = dir.resolve(file + "-key.pem");
            pem(chain, leaf, ca);
            pem(key, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            return new TlsFiles(chain, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lab certificate " + file + " under " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a lab certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    private static void pem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
    }

    /** For tests and messages: the CA's subject. */
    @Override
    public String toString() {
        return "LabCertificates[" + ca.getSubjectX500Principal().getName() + " in " + dir + "]";
    }
}
