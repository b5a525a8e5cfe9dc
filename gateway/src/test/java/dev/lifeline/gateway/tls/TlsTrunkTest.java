package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.TestSites;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.gateway.dns.FakeDnsServer;
import dev.lifeline.gateway.routing.TrunkSummary;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS trunk uses its own trust bundle: the provider signed by the trunk's CA is reached (the
 * gateway's listener, signed by another CA and trusting only the JDK's CAs, has nothing to do
 * with it), the same provider presenting a certificate from an unknown CA is refused with the
 * reason, and a replaced trust bundle is picked up without a restart. A trunk to a SIP domain
 * located through DNS on a WAN path authenticates the domain, not the SRV target (RFC 5922).
 */
class TlsTrunkTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400),
            Duration.ofMillis(500));

    @TempDir
    Path dir;

    private final TestCertificates.Authority providerCa = TestCertificates.authority("Provider CA",
            NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3000)));
    private final TestCertificates.Authority otherCa = TestCertificates.authority("Other CA",
            NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3000)));
    private final TestCertificates.Authority siteCa = TestCertificates.authority("Site CA",
            NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3000)));

    @Test
    void aProviderSignedByTheTrunksCaIsReached() throws Exception {
        try (TlsProvider provider = new TlsProvider(providerCa.leaf(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), "127.0.0.1").write(dir.resolve("provider"), "provider"));
             Gateway gateway = Gateway.start(site(provider, providerCa.bundle(dir)))) {

            await().atMost(WAIT).until(() -> status(gateway).state().equals("registered"));
            assertThat(provider.registers).isNotEmpty();
            assertThat(provider.registers.getFirst().topVia().transport()).isEqualToIgnoringCase("TLS");
        }
    }

    @Test
    void theSameProviderWithACertificateFromAnotherCaIsRefusedWithTheReason() throws Exception {
        try (TlsProvider provider = new TlsProvider(otherCa.leaf(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), "127.0.0.1").write(dir.resolve("provider"), "provider"));
             Gateway gateway = Gateway.start(site(provider, providerCa.bundle(dir)))) {

            await().atMost(WAIT).until(() -> status(gateway).state().equals("failing"));
            assertThat(status(gateway).detail()).contains("TLS handshake with 127.0.0.1").contains("PKIX");
            assertThat(provider.registers).isEmpty();
            // The certificate watch says exactly which issuer it does not know.
            await().atMost(WAIT).until(() -> gateway.certificates().stream()
                    .anyMatch(c -> c.subject().startsWith("provider") && c.verdict().reason().contains("unknown issuer CN=Other CA")));
        }
    }

    @Test
    void aRenewedTrustBundleIsPickedUpWithoutARestart() throws Exception {
        Path bundle = otherCa.bundle(dir.resolve("wrong"));
        Path trusted = dir.resolve("trust.pem");
        Files.copy(bundle, trusted);
        try (TlsProvider provider = new TlsProvider(providerCa.leaf(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), "127.0.0.1").write(dir.resolve("provider"), "provider"));
             Gateway gateway = Gateway.start(site(provider, trusted))) {
            await().atMost(WAIT).until(() -> status(gateway).state().equals("failing"));

            Path staged = dir.resolve("trust.pem.new");
            Files.copy(providerCa.bundle(dir.resolve("right")), staged);
            Files.move(staged, trusted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // File stamps may have a coarse resolution: make the change visible to the poll.
            Files.setLastModifiedTime(trusted, java.nio.file.attribute.FileTime.from(NOW.plusSeconds(60)));

            // The transport swaps the profile, then tells the certificate watch, whose round finds the chain good.
            await().atMost(WAIT).until(() -> gateway.certificates().stream()
                    .anyMatch(c -> c.subject().startsWith("provider") && c.verdict().severity() == Severity.OK));
            // The trunk's next retry (RFC 5626 backoff, 15-30 s) is not awaited: a REGISTER now. The watch reads
            // the file itself and may find it good before the transport's 5 s poll swapped the profile, so a
            // REGISTER that still met the old trust is sent again.
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String state = status(gateway).state();
                if (state.equals("failing")) {
                    gateway.trunks().live().forEach(t -> t.reregisterNow("trust bundle renewed"));
                }
                return state.equals("registered");
            });
        }
    }

    /**
     * The attack of RFC 5922 §4: a forged SRV answer sends the trunk for provider.test to
     * attacker.test, which presents a certificate that is valid, and from a CA the trunk trusts,
     * but for attacker.test only. Checking the SRV target's name would register there and hand
     * over the calls.
     */
    @Test
    void aHijackedSrvTargetWithAValidCertificateForItsOwnNameIsRefused() throws Exception {
        try (TlsProvider attacker = new TlsProvider(providerCa.leaf(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), "attacker.test").write(dir.resolve("attacker"), "attacker"));
             FakeDnsServer dns = FakeDnsServer.start("127.0.0.29")) {
            dns.srv("_sips._tcp.provider.test", 10, 0, attacker.port(), "attacker.test", 300)
                    .a("attacker.test", "127.0.0.1", 300);
            try (Gateway gateway = Gateway.start(siteWithPath(dns, "trust: \"" + providerCa.bundle(dir) + "\""))) {
                await().atMost(WAIT).until(() -> status(gateway).state().equals("failing"));
                assertThat(status(gateway).detail()).contains("TLS handshake with attacker.test")
                        .contains("certificate does not name the SIP domain provider.test (it names attacker.test)");
                assertThat(attacker.registers).isEmpty();
                // The certificate watch judges by the same rule.
                await().atMost(WAIT).until(() -> gateway.certificates().stream().anyMatch(c -> c.subject().startsWith("provider")
                        && c.verdict().reason().contains("does not name the SIP domain provider.test")));
            }
        }
    }

    @Test
    void aCertificateNamingTheSipDomainAsUriIsAcceptedFromAnotherTargetHost() throws Exception {
        assertRegistersThroughSrvTarget("sip:provider.test");
    }

    @Test
    void aCertificateNamingTheSipDomainAsDnsNameIsAcceptedFromAnotherTargetHost() throws Exception {
        assertRegistersThroughSrvTarget("provider.test");
    }

    @Test
    void aPinnedCertificateIsTrustedWhateverCaSignedItAndWhateverItNames() throws Exception {
        TestCertificates.Issued own = otherCa.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)),
                "box.internal");
        try (TlsProvider edge = new TlsProvider(own.write(dir.resolve("edge"), "edge"));
             FakeDnsServer dns = FakeDnsServer.start("127.0.0.29")) {
            dns.srv("_sips._tcp.provider.test", 10, 0, edge.port(), "edge1.carrier.test", 300)
                    .a("edge1.carrier.test", "127.0.0.1", 300);
            String pin = dev.lifeline.sip.transport.CertificatePin.display(
                    dev.lifeline.sip.transport.CertificatePin.sha256(own.certificate()));
            try (Gateway gateway = Gateway.start(siteWithPath(dns, "trust: \"" + pin + "\""))) {
                await().atMost(WAIT).until(() -> status(gateway).state().equals("registered"));
                assertThat(edge.registers).isNotEmpty();
            }
        }
    }

    private void assertRegistersThroughSrvTarget(String name) throws Exception {
        try (TlsProvider edge = new TlsProvider(providerCa.leaf(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), name).write(dir.resolve("edge"), "edge"));
             FakeDnsServer dns = FakeDnsServer.start("127.0.0.29")) {
            dns.srv("_sips._tcp.provider.test", 10, 0, edge.port(), "edge1.carrier.test", 300)
                    .a("edge1.carrier.test", "127.0.0.1", 300);
            try (Gateway gateway = Gateway.start(siteWithPath(dns, "trust: \"" + providerCa.bundle(dir) + "\""))) {
                await().atMost(WAIT).until(() -> status(gateway).state().equals("registered"));
                assertThat(edge.registers).isNotEmpty();
                await().atMost(WAIT).until(() -> gateway.certificates().stream().anyMatch(c -> c.subject()
                        .startsWith("provider edge1.carrier.test") && c.verdict().severity() == Severity.OK));
            }
        }
    }

    /** A TLS trunk to the SIP domain provider.test, located through {@code dns} on WAN path wan1. */
    private SiteConfig siteWithPath(FakeDnsServer dns, String trust) {
        return site("provider.test", trust, """
                paths:
                  - {name: wan1, bind: 127.0.0.11, resolvers: ["%s"], priority: 1}
                """.formatted(dns.address()));
    }

    private static TrunkSummary status(Gateway gateway) {
        return gateway.trunks().summaries().stream().filter(s -> s.name().equals("provider")).findFirst().orElseThrow();
    }

    private SiteConfig site(TlsProvider provider, Path trustBundle) {
        return site("127.0.0.1:" + provider.port(), "trust: \"" + trustBundle + "\"", "");
    }

    /** The TLS site: a TLS listener with a certificate of the site's CA, one extension, a TLS trunk. */
    private SiteConfig site(String providerHost, String trust, String more) {
        TlsFiles listener = siteCa.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), "127.0.0.1")
                .write(dir.resolve("site"), "listener");
        return TestSites.config(dir.resolve("storage"), """
                site: {name: TLS site, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                  - {transport: tls, address: 127.0.0.1:5061, certificate: "%s", key: "%s"}
                extensions:
                  - {number: 1001, name: Reception, password: pw1001}
                trunks:
                  - name: provider
                    provider: %s
                    transport: tls
                    username: site1
                    password: trunkpw
                    %s
                %sdialPlan:
                  emergency: [911]
                signalling: {t1: 50ms, t2: 400ms}
                """.formatted(listener.certificate(), listener.privateKey(), providerHost, trust, more));
    }

    /** A provider registrar over TLS on 127.0.0.1 presenting {@code served}; it accepts every REGISTER. */
    private static final class TlsProvider implements AutoCloseable {
        final List<SipRequest> registers = new CopyOnWriteArrayList<>();
        private final SipStack stack;

        TlsProvider(TlsFiles served) throws Exception {
            TransportConfig transport = TransportConfig.of(List.of())
                    .withTls(new TlsConfig(served.certificate(), served.privateKey(), Optional.empty(),
                            TlsConfig.ClientAuth.NONE, true))
                    .withListenPoints(List.of(ListenPoint.of(Transport.TLS, "127.0.0.1", 0)));
            stack = SipStack.start(new StackConfig(transport, FAST, dev.lifeline.sip.transaction.TransactionLimits.DEFAULT, Optional.empty()), this::onRequest);
        }

        int port() {
            return stack.listenPoints().get(0).address().getPort();
        }

        private void onRequest(ServerRequest request) {
            if (request.method().equals("REGISTER")) {
                registers.add(request.request());
                SipResponse.Builder ok = request.response(200, "OK");
                for (Contact c : request.request().contacts()) {
                    ok.contact(c.withExpires(c.expires().orElse(600)));
                }
                request.respond(ok.build());
            } else if (!request.method().equals("ACK")) {
                request.respond(200, "OK");
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
