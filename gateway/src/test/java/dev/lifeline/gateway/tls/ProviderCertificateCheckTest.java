package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.sip.transport.CertificatePin;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes on loopback: the chain a provider presents is judged whatever the JDK thinks of it. */
class ProviderCertificateCheckTest {

    // Real time: the JDK's own trust manager judges the same handshake.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String HOST = "sip1.provider.example";

    @TempDir
    Path dir;

    private final TestCertificates.Authority ca = TestCertificates.authority("Example CA",
            NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(4000)));
    private final ProviderCertificateCheck check = new ProviderCertificateCheck(new CertificateInspector(), Duration.ofSeconds(5));

    @Test
    void aGoodCertificateIsOk() throws Exception {
        CertificateVerdict v = checkServing(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(200), HOST), HOST);
        assertThat(v.severity()).isEqualTo(Severity.OK);
        assertThat(v.reason()).isEqualTo("valid until " + date(expiresIn(200)) + " (200 days)");
        assertThat(v.notAfter()).contains(expiresIn(200));
    }

    @Test
    void fiveDaysLeftIsCriticalAndTwentyAWarning() throws Exception {
        assertThat(checkServing(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(5), HOST), HOST))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.CRITICAL, "expires on " + date(expiresIn(5)) + " (5 days)");
        assertThat(checkServing(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(20), HOST), HOST))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.WARNING, "expires on " + date(expiresIn(20)) + " (20 days)");
    }

    @Test
    void anExpiredCertificateIsSeenAndExplainedThoughTheHandshakeFails() throws Exception {
        Instant expired = NOW.minus(Duration.ofDays(3));
        CertificateVerdict v = checkServing(ca.leaf(NOW.minus(Duration.ofDays(90)), expired, HOST), HOST);
        assertThat(v.severity()).isEqualTo(Severity.INVALID);
        assertThat(v.reason()).isEqualTo("certificate expired on " + date(expired));
        assertThat(v.notAfter()).contains(expired);
    }

    @Test
    void aCertificateNotYetValidIsInvalid() throws Exception {
        Instant from = NOW.plus(Duration.ofDays(2));
        assertThat(checkServing(ca.leaf(from, NOW.plus(Duration.ofDays(300)), HOST), HOST))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "not valid until " + date(from));
    }

    @Test
    void aWrongNameIsInvalidListingTheNames() throws Exception {
        assertThat(checkServing(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), "a.example", "b.example"), "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "name provider.example does not match certificate (SAN: a.example, b.example)");
    }

    @Test
    void withASipDomainTheCertificateMustNameTheDomainNotTheTarget() throws Exception {
        // A valid certificate for the SRV target the check connected to, but not for the trunk's domain.
        assertThat(checkDomain(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), HOST), "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "certificate does not name the SIP domain provider.example (it names "
                        + HOST + "); RFC 5922 wants sip:provider.example or DNS provider.example in its alternative names,"
                        + " no wildcard");
        assertThat(checkDomain(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), "*.provider.example"), "provider.example")
                .severity()).isEqualTo(Severity.INVALID);
        assertThat(checkDomain(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), "sip:provider.example"), "provider.example")
                .severity()).isEqualTo(Severity.OK);
        assertThat(checkDomain(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), HOST, "provider.example"), "provider.example")
                .severity()).isEqualTo(Severity.OK);
    }

    @Test
    void aPinnedCertificateIsJudgedByItsFingerprintAndDatesOnly() throws Exception {
        TestCertificates.Authority unknown = TestCertificates.authority("Unknown CA", NOW.minus(Duration.ofDays(10)), expiresIn(900));
        TestCertificates.Issued selfMade = unknown.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(200), "box.internal");
        String pin = CertificatePin.sha256(selfMade.certificate());
        try (TlsTestServer server = TlsTestServer.presenting(selfMade)) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", server.named(HOST), loopback(1), Optional.empty(),
                    Optional.empty(), Optional.of("provider.example"), Optional.of(pin));
            assertThat(check.check(target, NOW)).extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                    .containsExactly(Severity.OK, "valid until " + date(expiresIn(200)) + " (200 days)");
        }
        TestCertificates.Issued other = ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(200), "provider.example");
        try (TlsTestServer server = TlsTestServer.presenting(other)) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", server.named(HOST), loopback(1), Optional.empty(),
                    Optional.empty(), Optional.of("provider.example"), Optional.of(pin));
            assertThat(check.check(target, NOW)).extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                    .containsExactly(Severity.INVALID, "certificate " + CertificatePin.display(CertificatePin.sha256(
                            other.certificate())) + " is not the pinned one " + CertificatePin.display(pin));
        }
    }

    @Test
    void anUnknownCaIsNamed() throws Exception {
        TestCertificates.Authority other = TestCertificates.authority("Other CA", NOW.minus(Duration.ofDays(10)), expiresIn(900));
        assertThat(checkServing(other.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), HOST), HOST))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "unknown issuer CN=Other CA");
    }

    @Test
    void withoutATrustBundleTheJdkCasAreAskedAndAPrivateCaIsUnknown() throws Exception {
        try (TlsTestServer server = TlsTestServer.presenting(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), HOST))) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", server.named(HOST), loopback(1),
                    Optional.empty(), Optional.empty());
            assertThat(check.check(target, NOW).reason()).isEqualTo("unknown issuer CN=Example CA");
        }
    }

    @Test
    void theHandshakeLeavesFromThePathsAddress() throws Exception {
        try (TlsTestServer server = TlsTestServer.presenting(ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), HOST))) {
            ProviderTarget viaWan2 = new ProviderTarget("acme", "wan2", server.named(HOST), loopback(11),
                    Optional.of(ca.bundle(dir)), Optional.empty());
            assertThat(check.check(viaWan2, NOW).severity()).isEqualTo(Severity.OK);
            assertThat(server.peers).containsExactly(loopback(11));
            assertThat(viaWan2.subject()).isEqualTo("provider " + HOST + ":" + viaWan2.remote().getPort() + " via wan2");
        }
    }

    @Test
    void anUnreachableTargetIsInvalidSayingWhereFrom() throws Exception {
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(loopback(1), 0)); // bound, never listening: connections are refused
            InetSocketAddress dead = new InetSocketAddress(InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1}), held.getLocalPort());
            CertificateVerdict v = check.check(new ProviderTarget("acme", "wan1", dead, loopback(1),
                    Optional.of(ca.bundle(dir)), Optional.empty()), NOW);
            assertThat(v.severity()).isEqualTo(Severity.INVALID);
            assertThat(v.reason()).startsWith("cannot connect to " + HOST + ":" + held.getLocalPort() + " from 127.0.0.1: ");
            assertThat(v.notAfter()).isEmpty();
        }
    }

    @Test
    void ownCertificatesAreCheckedFromTheirFiles() {
        TlsFiles good = ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(12), "gw.example").write(dir, "good");
        assertThat(check.checkOwn(good, NOW))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.WARNING, "expires on " + date(expiresIn(12)) + " (12 days)");

        TlsFiles other = ca.leaf(NOW.minus(Duration.ofDays(1)), expiresIn(90), "gw.example").write(dir, "other");
        TlsFiles mismatched = new TlsFiles(good.certificate(), other.privateKey());
        assertThat(check.checkOwn(mismatched, NOW).reason())
                .isEqualTo("the private key " + other.privateKey() + " does not belong to the certificate in " + good.certificate());

        TlsFiles missing = new TlsFiles(dir.resolve("gone.pem"), other.privateKey());
        assertThat(check.checkOwn(missing, NOW))
                .isEqualTo(CertificateVerdict.unseen("cannot read certificate " + dir.resolve("gone.pem") + ": NoSuchFileException"));
    }

    private CertificateVerdict checkServing(TestCertificates.Issued presented, String host) throws Exception {
        try (TlsTestServer server = TlsTestServer.presenting(presented)) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", server.named(host), loopback(1),
                    Optional.of(ca.bundle(dir)), Optional.empty());
            return check.check(target, NOW);
        }
    }

    /** Checks {@code presented} served at {@link #HOST} for a trunk whose SIP domain is {@code domain}. */
    private CertificateVerdict checkDomain(TestCertificates.Issued presented, String domain) throws Exception {
        try (TlsTestServer server = TlsTestServer.presenting(presented)) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", server.named(HOST), loopback(1),
                    Optional.of(ca.bundle(dir)), Optional.empty(), Optional.of(domain), Optional.empty());
            return check.check(target, NOW);
        }
    }

    /** An hour past the whole days, so that the days left read the same a few seconds later. */
    private static Instant expiresIn(int days) {
        return NOW.plus(Duration.ofDays(days)).plus(Duration.ofHours(1));
    }

    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static InetAddress loopback(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }
}
