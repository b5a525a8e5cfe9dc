package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTransportTest {

    @TempDir
    Path dir;

    @Test
    void aRequestAndItsResponseRoundTripOverTls() throws Exception {
        TestPki pki = TestPki.create("site");
        TlsConfig gatewayTls = pki.issue(dir, "gateway").tlsConfig();
        TlsConfig providerTls = pki.issue(dir, "provider").tlsConfig().withClientAuth(TlsConfig.ClientAuth.REQUIRE);
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(gatewayTls), Transport.TLS);
             TransportFixture provider = TransportFixture.start(c -> c.withTls(providerTls), Transport.TLS)) {
            SipRequest register = TransportFixture.sample("register.sip", "SIP/2.0/TCP", "SIP/2.0/TLS");
            Sent sent = gateway.transport.send(register, Target.of(Transport.TLS, provider.address(Transport.TLS)))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(sent.transport()).isEqualTo(Transport.TLS);

            InboundMessage atProvider = provider.inbox.next();
            assertThat(atProvider.transport()).isEqualTo(Transport.TLS);
            SipResponse ok = SipResponse.forRequest((SipRequest) atProvider.message(), 200, "OK").build();
            provider.transport.sendResponse(ok, atProvider.connection()).toCompletableFuture().get(5, TimeUnit.SECONDS);

            InboundMessage atGateway = gateway.inbox.next();
            assertThat(atGateway.message()).isInstanceOfSatisfying(SipResponse.class, r -> assertThat(r.status()).isEqualTo(200));
            assertThat(atGateway.connection()).isEqualTo(sent.connection());
        }
    }

    @Test
    void anUntrustedServerCertificateFailsTheSendWithAClearReason() throws Exception {
        TlsConfig gatewayTls = TestPki.create("site").issue(dir.resolve("site"), "gateway").tlsConfig();
        TlsConfig impostorTls = TestPki.create("impostor").issue(dir.resolve("impostor"), "provider").tlsConfig();
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(gatewayTls), Transport.TLS);
             TransportFixture impostor = TransportFixture.start(c -> c.withTls(impostorTls), Transport.TLS)) {
            java.util.List<TlsHandshakeFailure> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            gateway.transport.tls().onHandshakeFailure(told::add);
            SipRequest register = TransportFixture.sample("register.sip", "SIP/2.0/TCP", "SIP/2.0/TLS");
            assertThatThrownBy(() -> gateway.transport.send(register, Target.of(Transport.TLS, impostor.address(Transport.TLS)))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransportException.class)
                    .hasMessageContaining("TLS handshake with " + impostor.address(Transport.TLS).getHostString())
                    .hasMessageContaining("failed")
                    .hasMessageContaining("PKIX");
            assertThat(impostor.inbox.isEmpty()).isTrue();
            // The gateway's listeners hear of it too, naming the peer and the reason.
            await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());
            assertThat(told).singleElement().satisfies(f -> {
                assertThat(f.remote()).isEqualTo(impostor.address(Transport.TLS));
                assertThat(f.detail()).contains("PKIX");
            });
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    impostor.transport.stats().dropped(DropReason.TLS_HANDSHAKE_FAILED) == 1);
        }
    }

    @Test
    void unreadableKeyMaterialIsReportedWithTheFileName() {
        TlsConfig missing = TlsConfig.of(dir.resolve("nope-chain.pem"), dir.resolve("nope-key.pem"), dir.resolve("nope-ca.pem"));
        assertThatThrownBy(() -> TransportFixture.start(c -> c.withTls(missing), Transport.TLS))
                .isInstanceOf(TransportException.class).hasMessageContaining("nope-chain.pem");
    }
}
