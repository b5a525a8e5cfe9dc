package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateInspectorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final TestCertificates.Authority CA = TestCertificates.authority("Example CA",
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
    private static final TestCertificates.Authority OTHER_CA = TestCertificates.authority("Other CA",
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
    private static final List<X509Certificate> ANCHORS = List.of(CA.certificate());

    private final CertificateInspector inspector = new CertificateInspector();

    @Test
    void aValidTrustedMatchingCertificateFarFromExpiryIsOk() {
        CertificateVerdict v = inspect(leaf(Duration.ofDays(300), "provider.example"), "provider.example");
        assertThat(v.severity()).isEqualTo(Severity.OK);
        assertThat(v.reason()).isEqualTo("valid until 2027-03-28 (300 days)");
        assertThat(v.notAfter()).contains(NOW.plus(Duration.ofDays(300)));
        assertThat(v.leaf()).contains("CN=provider.example");
    }

    @Test
    void twentyDaysLeftIsAWarningAndFiveIsCritical() {
        assertThat(inspect(leaf(Duration.ofDays(20), "provider.example"), "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.WARNING, "expires on 2026-06-21 (20 days)");
        assertThat(inspect(leaf(Duration.ofDays(5), "provider.example"), "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.CRITICAL, "expires on 2026-06-06 (5 days)");
    }

    @Test
    void thresholdsAreInclusiveAndConfigurable() {
        assertThat(inspect(leaf(Duration.ofDays(7), "p.example"), "p.example").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(inspect(leaf(Duration.ofDays(30), "p.example"), "p.example").severity()).isEqualTo(Severity.WARNING);
        assertThat(inspect(leaf(Duration.ofDays(31), "p.example"), "p.example").severity()).isEqualTo(Severity.OK);
        CertificateInspector strict = new CertificateInspector(new ExpiryThresholds(Duration.ofDays(60), Duration.ofDays(14)));
        assertThat(strict.inspect(leaf(Duration.ofDays(10), "p.example").chain(), ANCHORS, Optional.empty(), NOW).severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(strict.inspect(leaf(Duration.ofDays(45), "p.example").chain(), ANCHORS, Optional.empty(), NOW).severity())
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void anExpiredCertificateIsInvalidWithItsDate() {
        TestCertificates.Issued expired = CA.leaf(Instant.parse("2025-10-01T00:00:00Z"),
                Instant.parse("2026-05-01T00:00:00Z"), "provider.example");
        assertThat(inspect(expired, "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "certificate expired on 2026-05-01");
    }

    @Test
    void aCertificateNotYetValidIsInvalidWithItsStart() {
        TestCertificates.Issued early = CA.leaf(Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2028-01-01T00:00:00Z"), "provider.example");
        CertificateVerdict v = inspect(early, "provider.example");
        assertThat(v.severity()).isEqualTo(Severity.INVALID);
        assertThat(v.reason()).isEqualTo("not valid until 2027-01-01");
        assertThat(v.notAfter()).contains(Instant.parse("2028-01-01T00:00:00Z"));
    }

    @Test
    void aCertificateFromAnUnknownCaNamesTheIssuer() {
        TestCertificates.Issued foreign = OTHER_CA.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "provider.example");
        assertThat(inspect(foreign, "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "unknown issuer CN=Other CA");
        List<X509Certificate> leafOnly = List.of(foreign.certificate());
        assertThat(inspector.inspect(leafOnly, ANCHORS, Optional.empty(), NOW).reason()).isEqualTo("unknown issuer CN=Other CA");
    }

    @Test
    void aNameMismatchListsTheCertificatesNames() {
        TestCertificates.Issued other = leaf(Duration.ofDays(90), "a.example", "b.example");
        assertThat(inspect(other, "provider.example"))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.INVALID, "name provider.example does not match certificate (SAN: a.example, b.example)");
    }

    @Test
    void wildcardsMatchOneLeftMostLabelAndIpsMatchIpNames() {
        TestCertificates.Issued wild = leaf(Duration.ofDays(90), "*.provider.example", "127.0.0.1");
        assertThat(inspect(wild, "SIP1.provider.example").severity()).isEqualTo(Severity.OK);
        assertThat(inspect(wild, "a.sip1.provider.example").reason())
                .isEqualTo("name a.sip1.provider.example does not match certificate (SAN: *.provider.example, 127.0.0.1)");
        assertThat(inspect(wild, "provider.example").severity()).isEqualTo(Severity.INVALID);
        assertThat(inspect(wild, "127.0.0.1").severity()).isEqualTo(Severity.OK);
        assertThat(inspect(wild, "127.0.0.2").severity()).isEqualTo(Severity.INVALID);
    }

    @Test
    void withoutDnsNamesTheCommonNameCounts() {
        TestCertificates.Issued bare = leaf(Duration.ofDays(90));
        assertThat(inspect(bare, "leaf").severity()).isEqualTo(Severity.OK);
        assertThat(inspect(bare, "provider.example").reason())
                .isEqualTo("name provider.example does not match certificate (CN: leaf)");
    }

    @Test
    void nothingPresentedIsInvalid() {
        assertThat(inspector.inspect(List.of(), ANCHORS, Optional.empty(), NOW))
                .isEqualTo(CertificateVerdict.unseen("no certificate presented"));
    }

    @Test
    void ownChainsAreCheckedForOrderAndExpiryButNotTrust() {
        TestCertificates.Issued own = OTHER_CA.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3)), "gw.example");
        assertThat(inspector.inspectOwn(own.chain(), NOW))
                .extracting(CertificateVerdict::severity, CertificateVerdict::reason)
                .containsExactly(Severity.CRITICAL, "expires on 2026-06-04 (3 days)");
        List<X509Certificate> wrongOrder = List.of(own.certificate(), CA.certificate());
        assertThat(inspector.inspectOwn(wrongOrder, NOW).reason())
                .isEqualTo("certificate CN=gw.example is not issued by the next one in the file, CN=Example CA "
                        + "(wrong order or a foreign certificate)");
    }

    private TestCertificates.Issued leaf(Duration left, String... names) {
        return CA.leaf(NOW.minus(Duration.ofDays(10)), NOW.plus(left), names);
    }

    private CertificateVerdict inspect(TestCertificates.Issued issued, String name) {
        return inspector.inspect(issued.chain(), ANCHORS, Optional.of(name), NOW);
    }
}
