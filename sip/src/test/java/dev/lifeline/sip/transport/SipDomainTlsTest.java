package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.message.SipRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client profile for a SIP domain authenticates that domain (RFC 5922), not the host the
 * connection goes to, or trusts one pinned certificate: real handshakes on 127.0.0.1, the
 * target's name standing for what an SRV record pointed at.
 */
class SipDomainTlsTest {

    private static final String DOMAIN = "provider.test";

    @TempDir
    Path dir;

    private final SipRequest register = TransportFixture.sample("register.sip", "SIP/2.0/TCP", "SIP/2.0/TLS");
    private final TestPki ca = TestPki.create("public");

    /**
     * The attack: a forged SRV answer for provider.test points at attacker.test, whose
     * certificate is valid, from a CA the trunk trusts, for attacker.test. Checking the SRV
     * target's name would accept it.
     */
    @Test
    void aValidCertificateForTheSrvTargetButNotTheDomainIsRefused() throws Exception {
        TestPki.NodeFiles attacker = ca.issue(dir.resolve("attacker"), "attacker", "attacker.test");
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(attacker.tlsConfig()), Transport.TLS);
             TransportFixture gateway = client(attacker.trust(), "attacker.test")) {
            assertThatThrownBy(() -> send(gateway, named("attacker.test", server)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .hasMessageContaining("TLS handshake with attacker.test")
                    .hasMessageContaining("certificate does not name the SIP domain provider.test (it names attacker.test)");
            assertThat(server.inbox.isEmpty()).isTrue();
        }
    }

    @Test
    void aSipUriNameForTheDomainIsAcceptedFromAnotherHost() throws Exception {
        TestPki.NodeFiles edge = ca.issue(dir.resolve("edge"), "edge", "sip:" + DOMAIN);
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(edge.tlsConfig()), Transport.TLS);
             TransportFixture gateway = client(edge.trust(), "edge1.carrier.test")) {
            send(gateway, named("edge1.carrier.test", server));
            assertThat(server.inbox.next().transport()).isEqualTo(Transport.TLS);
        }
    }

    @Test
    void aDnsNameForTheDomainIsAcceptedFromAnotherHost() throws Exception {
        TestPki.NodeFiles edge = ca.issue(dir.resolve("edge"), "edge", "edge1.carrier.test", DOMAIN);
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(edge.tlsConfig()), Transport.TLS);
             TransportFixture gateway = client(edge.trust(), "edge1.carrier.test")) {
            send(gateway, named("edge1.carrier.test", server));
            assertThat(server.inbox.next().transport()).isEqualTo(Transport.TLS);
        }
    }

    @Test
    void aWildcardBelowTheDomainIsNoMatch() throws Exception {
        TestPki.NodeFiles wildcard = ca.issue(dir.resolve("wild"), "wild", "*." + DOMAIN);
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(wildcard.tlsConfig()), Transport.TLS);
             TransportFixture gateway = client(wildcard.trust(), "sip1." + DOMAIN)) {
            assertThatThrownBy(() -> send(gateway, named("sip1." + DOMAIN, server)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .hasMessageContaining("certificate does not name the SIP domain provider.test (it names *.provider.test)");
        }
    }

    @Test
    void theChainIsStillCheckedAgainstTheProfilesCas() throws Exception {
        TestPki other = TestPki.create("other");
        TestPki.NodeFiles forged = other.issue(dir.resolve("forged"), "forged", "sip:" + DOMAIN);
        TestPki.NodeFiles trusted = ca.issue(dir.resolve("trusted"), "trusted", DOMAIN);
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(forged.tlsConfig()), Transport.TLS);
             TransportFixture gateway = client(trusted.trust(), "sip1." + DOMAIN)) {
            assertThatThrownBy(() -> send(gateway, named("sip1." + DOMAIN, server)))
                    .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("PKIX");
        }
    }

    @Test
    void aPinnedCertificateIsTrustedWhateverItNamesAndNoOtherIs() throws Exception {
        TestPki.NodeFiles pinned = ca.issue(dir.resolve("pinned"), "pinned", "box.internal");
        TestPki.NodeFiles other = ca.issue(dir.resolve("other"), "other", DOMAIN);
        String pin = CertificatePin.sha256(Pem.certificates(Files.readAllBytes(pinned.chain())).getFirst());
        try (TransportFixture good = TransportFixture.start(c -> c.withTls(pinned.tlsConfig()), Transport.TLS);
             TransportFixture impostor = TransportFixture.start(c -> c.withTls(other.tlsConfig()), Transport.TLS);
             TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            gateway.transport.tls().putClientProfile("trunk", TlsClientProfile.pinned(pin).withSipDomain(DOMAIN));
            gateway.transport.tls().routeHost("*." + DOMAIN, "trunk");

            send(gateway, named("sip1." + DOMAIN, good));
            assertThat(good.inbox.next().transport()).isEqualTo(Transport.TLS);
            // A certificate from the same CA, even one naming the domain, is not the pinned one.
            assertThatThrownBy(() -> send(gateway, named("sip2." + DOMAIN, impostor)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .hasMessageContaining("is not the pinned one " + CertificatePin.display(pin));
        }
    }

    @Test
    void aPinIsSha256HexWithOrWithoutColons() {
        String hex = "ab".repeat(32);
        assertThat(CertificatePin.parse("SHA256:" + "AB:".repeat(31) + "AB")).isEqualTo(hex);
        assertThat(CertificatePin.display(hex)).isEqualTo("sha256:" + "AB:".repeat(31) + "AB");
        assertThatThrownBy(() -> CertificatePin.parse("sha1:" + hex)).hasMessageContaining("sha256:");
        assertThatThrownBy(() -> CertificatePin.parse("sha256:abcd")).hasMessageContaining("64 hex digits");
    }

    /** A gateway whose connections to {@code host} use a profile for {@link #DOMAIN} trusting {@code bundle}. */
    private static TransportFixture client(Path bundle, String host) throws Exception {
        TransportFixture gateway = TransportFixture.start(Transport.TCP);
        gateway.transport.tls().putClientProfile("trunk", TlsClientProfile.trusting(bundle).withSipDomain(DOMAIN));
        gateway.transport.tls().routeHost(host, "trunk");
        return gateway;
    }

    private void send(TransportFixture from, InetSocketAddress to) throws Exception {
        from.transport.send(register, Target.of(Transport.TLS, to)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static InetSocketAddress named(String host, TransportFixture server) throws Exception {
        InetSocketAddress at = server.address(Transport.TLS);
        return new InetSocketAddress(InetAddress.getByAddress(host, at.getAddress().getAddress()), at.getPort());
    }
}
