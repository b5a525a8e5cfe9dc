package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which names in a certificate authenticate a SIP domain (RFC 5922 §7.1, §7.2). */
class SipDomainIdentityTest {

    @TempDir
    Path dir;

    private final TestPki ca = TestPki.create("identity");
    private int issued;

    private X509Certificate leaf(String... names) throws Exception {
        TestPki.NodeFiles files = ca.issue(dir.resolve("n" + issued++), "node.example", names);
        return Pem.certificates(Files.readAllBytes(files.chain())).getFirst();
    }

    @Test
    void aSipUriNameAuthenticatesItsDomainWithoutCaseOrTrailingDot() throws Exception {
        X509Certificate cert = leaf("sip:Provider.Example");
        assertThat(SipDomainIdentity.identities(cert)).containsExactly("provider.example");
        assertThat(SipDomainIdentity.authenticates(cert, "provider.example.")).isTrue();
        assertThat(SipDomainIdentity.authenticates(cert, "PROVIDER.example")).isTrue();
    }

    @Test
    void aDnsNameCountsOnlyWhenThereIsNoSipUri() throws Exception {
        assertThat(SipDomainIdentity.authenticates(leaf("provider.example"), "provider.example")).isTrue();
        X509Certificate both = leaf("sip:other.example", "provider.example");
        assertThat(SipDomainIdentity.identities(both)).containsExactly("other.example");
        assertThat(SipDomainIdentity.authenticates(both, "provider.example")).isFalse();
    }

    @Test
    void uriNamesWithAUserOrAnotherSchemeAreNoDomain() throws Exception {
        X509Certificate cert = leaf("sip:alice@provider.example", "sips:provider.example", "https://provider.example/",
                "edge.example");
        assertThat(SipDomainIdentity.identities(cert)).containsExactly("edge.example");
        assertThat(SipDomainIdentity.authenticates(cert, "provider.example")).isFalse();
        assertThat(SipDomainIdentity.sipUriDomain("sip:provider.example:5061;transport=tls")).contains("provider.example");
    }

    @Test
    void neitherWildcardsNorSuffixesNorParentsMatch() throws Exception {
        assertThat(SipDomainIdentity.authenticates(leaf("*.provider.example"), "sip1.provider.example")).isFalse();
        assertThat(SipDomainIdentity.authenticates(leaf("*.provider.example"), "*.provider.example")).isTrue();
        assertThat(SipDomainIdentity.authenticates(leaf("sip1.provider.example"), "provider.example")).isFalse();
        assertThat(SipDomainIdentity.authenticates(leaf("provider.example"), "sip1.provider.example")).isFalse();
        assertThat(SipDomainIdentity.authenticates(leaf("sip:.provider.example"), "sip1.provider.example")).isFalse();
    }

    @Test
    void theCommonNameCountsOnlyWithoutAlternativeNames() throws Exception {
        TestPki.NodeFiles bare = ca.issueWithoutAltNames(dir.resolve("bare"), "provider.example");
        X509Certificate cnOnly = Pem.certificates(Files.readAllBytes(bare.chain())).getFirst();
        assertThat(SipDomainIdentity.authenticates(cnOnly, "provider.example")).isTrue();
        // node.example is the CN of every other leaf here, next to its alternative names.
        assertThat(SipDomainIdentity.authenticates(leaf("edge.example"), "node.example")).isFalse();
    }

    @Test
    void theProblemNamesTheDomainAndWhatTheCertificateNames() throws Exception {
        assertThat(SipDomainIdentity.problem(leaf("attacker.example"), "provider.example")).contains(
                "certificate does not name the SIP domain provider.example (it names attacker.example);"
                        + " RFC 5922 wants sip:provider.example or DNS provider.example in its alternative names, no wildcard");
        assertThat(SipDomainIdentity.problem(leaf("provider.example"), "provider.example")).isEmpty();
    }
}
