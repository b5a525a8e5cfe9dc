package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.message.SipRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound TLS with a client profile per destination: trust bundles and client certificates per provider. */
class TlsProfileTransportTest {

    @TempDir
    Path dir;

    private final SipRequest register = TransportFixture.sample("register.sip", "SIP/2.0/TCP", "SIP/2.0/TLS");

    @Test
    void twoProvidersWithDifferentCasAreReachedThroughTheirOwnProfiles() throws Exception {
        TestPki caA = TestPki.create("provider-a");
        TestPki caB = TestPki.create("provider-b");
        TestPki site = TestPki.create("site");
        TestPki.NodeFiles a = caA.issue(dir.resolve("a"), "a", "a.provider.test");
        TestPki.NodeFiles b = caB.issue(dir.resolve("b"), "b", "sip1.b-provider.test");
        TestPki.NodeFiles siteClient = site.issue(dir.resolve("site"), "gateway", "gateway.site.test");
        // Provider B insists on a client certificate from the site's CA (mutual TLS).
        TlsConfig bTls = new TlsConfig(b.chain(), b.key(), java.util.Optional.of(siteClient.trust()),
                TlsConfig.ClientAuth.REQUIRE, true);
        try (TransportFixture providerA = TransportFixture.start(c -> c.withTls(a.tlsConfig()), Transport.TLS);
             TransportFixture providerB = TransportFixture.start(c -> c.withTls(bTls), Transport.TLS);
             TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            TlsMaterial tls = gateway.transport.tls();
            tls.putClientProfile("trunk-a", TlsClientProfile.trusting(a.trust()));
            tls.putClientProfile("trunk-b", TlsClientProfile.trusting(b.trust())
                    .withClientCertificate(siteClient.chain(), siteClient.key()));
            tls.routeHost("a.provider.test", "trunk-a");
            tls.routeHost("*.b-provider.test", "trunk-b");

            send(gateway, named("a.provider.test", providerA));
            send(gateway, named("sip1.b-provider.test", providerB));

            assertThat(providerA.inbox.next().transport()).isEqualTo(Transport.TLS);
            assertThat(providerB.inbox.next().transport()).isEqualTo(Transport.TLS);
            assertThat(tls.clientProfileFor("sip1.b-provider.test")).contains("trunk-b");
        }
    }

    @Test
    void aProfileTrustingAnotherCaFailsTheHandshake() throws Exception {
        TestPki caA = TestPki.create("provider-a");
        TestPki other = TestPki.create("other");
        TestPki.NodeFiles a = caA.issue(dir.resolve("a"), "a", "a.provider.test");
        TestPki.NodeFiles wrong = other.issue(dir.resolve("other"), "x", "x.test");
        try (TransportFixture providerA = TransportFixture.start(c -> c.withTls(a.tlsConfig()), Transport.TLS);
             TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            gateway.transport.tls().putClientProfile("trunk-a", TlsClientProfile.trusting(wrong.trust()));
            gateway.transport.tls().routeHost("a.provider.test", "trunk-a");
            assertThatThrownBy(() -> send(gateway, named("a.provider.test", providerA)))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("TLS handshake with a.provider.test").hasMessageContaining("PKIX");
        }
    }

    @Test
    void aHostWithoutProfileOnATransportWithoutTlsMaterialIsRefusedWithAReason() throws Exception {
        try (TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            InetSocketAddress nowhere = new InetSocketAddress(
                    InetAddress.getByAddress("unrouted.test", new byte[] {127, 0, 0, 1}), 9);
            assertThatThrownBy(() -> send(gateway, nowhere))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("no TLS material configured and no client profile routed for unrouted.test");
        }
    }

    @Test
    void halfAClientCertificateIsRefused() {
        assertThatThrownBy(() -> new TlsClientProfile(java.util.Optional.empty(), java.util.Optional.of(dir.resolve("c.pem")),
                java.util.Optional.empty(), true, java.util.Optional.empty(), java.util.Optional.empty())).hasMessageContaining("only the chain");
    }

    @Test
    void aProfileWithUnreadableFilesIsRefusedNamingTheFile() throws Exception {
        try (TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            assertThatThrownBy(() -> gateway.transport.tls().putClientProfile("p", TlsClientProfile.trusting(dir.resolve("missing-ca.pem"))))
                    .isInstanceOf(TransportException.class).hasMessageContaining("missing-ca.pem");
            assertThatThrownBy(() -> gateway.transport.tls().routeHost("x.test", "p"))
                    .hasMessageContaining("no TLS client profile named 'p'");
        }
    }

    private void send(TransportFixture from, InetSocketAddress to) throws Exception {
        from.transport.send(register, Target.of(Transport.TLS, to)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static InetSocketAddress named(String host, TransportFixture server) throws Exception {
        InetSocketAddress at = server.address(Transport.TLS);
        return new InetSocketAddress(InetAddress.getByAddress(host, at.getAddress().getAddress()), at.getPort());
    }
}
