package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.tls.CertificateStatus;
import dev.lifeline.gateway.tls.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's TLS mode on examples/site.yaml: the trunk registers over TLS through wan1's splice
 * to the first target, whose lab certificate the gateway checks as fine; switched to an expired
 * certificate, the gateway's check says so, and a new call goes through the second target; the
 * valid certificate back, the check is fine again.
 */
class TlsLabTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    void theTrunkRunsOverTlsAndAnExpiredTargetIsReportedAndAvoided() throws Exception {
        LabOptions tls = LabOptions.DEFAULT.withTrunkTransport(Transport.TLS);
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { }, tls)) {
            assertThat(lab.trunkTransport()).isEqualTo(dev.lifeline.sip.transport.Transport.TLS);
            assertThat(lab.registerPhones(WAIT)).isEqualTo(10);
            await().atMost(WAIT).until(() -> lab.provider().observations(ProviderObservation.RegisterAccepted.class)
                    .stream().anyMatch(r -> r.transport() == dev.lifeline.sip.transport.Transport.TLS
                            && r.target().equals("sip1")
                            && r.source().getAddress().equals(lab.wan("wan1").publicAddress())));

            List<CertificateStatus> before = lab.checkCertificatesNow();
            assertThat(before).filteredOn(s -> s.subject().contains("sip1.provider.lab")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.severity()).as(s.toString()).isEqualTo(Severity.OK));

            Instant expiredAt = lab.presentCertificate("sip1", Lab.TargetCertificate.EXPIRED);
            List<CertificateStatus> expired = lab.checkCertificatesNow();
            System.out.println("tls lab: " + expired);
            assertThat(expired).filteredOn(s -> s.subject().contains("sip1.provider.lab")).hasSize(2)
                    .allSatisfy(s -> {
                        assertThat(s.severity()).isNotEqualTo(Severity.OK);
                        assertThat(s.verdict().reason()).containsIgnoringCase("expired");
                    });
            assertThat(expired).filteredOn(s -> s.subject().contains("sip2.provider.lab")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.severity()).isEqualTo(Severity.OK));

            PhoneCall call = lab.phone("1001").orElseThrow().call("915550123", lab.gatewaySip());
            assertThat(call.answered().toCompletableFuture().get(15, TimeUnit.SECONDS)).isTrue();
            assertThat(lab.provider().observations(ProviderObservation.InviteReceived.class))
                    .filteredOn(i -> i.at().isAfter(expiredAt)).isNotEmpty()
                    .allSatisfy(i -> assertThat(i.target()).isEqualTo("sip2"));
            call.hangUp().toCompletableFuture().get(10, TimeUnit.SECONDS);

            lab.presentCertificate("sip1", Lab.TargetCertificate.VALID);
            assertThat(lab.checkCertificatesNow()).filteredOn(s -> s.subject().contains("provider"))
                    .allSatisfy(s -> assertThat(s.severity()).as(s.toString()).isEqualTo(Severity.OK));
        }
    }

    @Test
    void aRestartedGatewayComesBackWithItsTlsListenerOnTheSamePort() throws Exception {
        LabOptions tls = LabOptions.DEFAULT.withTrunkTransport(Transport.TLS);
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { }, tls)) {
            int tlsPort = tlsPort(lab);
            lab.stopGateway("test: restart");
            Instant restarted = Instant.now();
            lab.startGateway();
            assertThat(tlsPort(lab)).isEqualTo(tlsPort);
            await().atMost(WAIT).until(() -> lab.provider().observations(ProviderObservation.RegisterAccepted.class)
                    .stream().anyMatch(r -> r.transport() == dev.lifeline.sip.transport.Transport.TLS
                            && r.at().isAfter(restarted)));
        }
    }

    private static int tlsPort(Lab lab) {
        return lab.gateway().listenPoints().stream()
                .filter(p -> p.transport() == dev.lifeline.sip.transport.Transport.TLS
                        && p.address().getAddress().getHostAddress().equals("127.0.0.1"))
                .findFirst().orElseThrow().address().getPort();
    }

    @Test
    void certificatesNeedTheTlsMode() throws Exception {
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { })) {
            assertThat(lab.certificates()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> lab.presentCertificate("sip1", Lab.TargetCertificate.EXPIRED))
                    .isInstanceOf(LabException.class).hasMessageContaining("trunkTransport: tls");
        }
    }
}
