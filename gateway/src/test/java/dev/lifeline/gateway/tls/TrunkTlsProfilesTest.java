package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.CallerIdPresentation;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.NumberFormat;
import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.TrunkTrust;
import dev.lifeline.gateway.trunk.TrunkTlsProfiles;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.TlsReload;
import dev.lifeline.sip.transport.TransportConfig;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hosts a TLS trunk's own profile serves, and what happens when its files do not load. */
class TrunkTlsProfilesTest {

    @TempDir
    Path dir;

    private SipStack stack;

    @BeforeEach
    void start() throws Exception {
        stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(dev.lifeline.sip.transport.Transport.UDP,
                "127.0.0.1", 0))), request -> { });
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private Path bundle() {
        Instant now = Instant.now();
        return TestCertificates.authority("Provider CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(100)))
                .bundle(dir);
    }

    private static Trunk trunk(String name, String host, Transport transport, Optional<Path> bundle) {
        return new Trunk(name, new HostPort(host, OptionalInt.empty()), transport, Optional.empty(), Optional.empty(),
                false, Duration.ofHours(1), new CallerIdPresentation(NumberFormat.E164, NumberFormat.E164), 1,
                bundle.map(TrunkTrust.Bundle::new), Optional.empty());
    }

    @Test
    void theProviderHostAndNamesBelowItUseTheTrunksProfile() {
        TrunkTlsProfiles profiles = TrunkTlsProfiles.install(stack.tls().orElseThrow(), List.of(
                trunk("itsp", "provider.example", Transport.TLS, Optional.of(bundle())),
                trunk("plain", "other.example", Transport.UDP, Optional.empty())));

        assertThat(profiles.trunks()).containsExactly("itsp");
        assertThat(profiles.failures()).isEmpty();
        assertThat(profiles.profileFor("provider.example")).contains("trunk itsp");
        assertThat(profiles.profileFor("sip2.provider.example")).contains("trunk itsp");
        assertThat(profiles.profileFor("other.example")).isEmpty();
    }

    @Test
    void locatedTargetsElsewhereAreRoutedAsTheyAreFound() {
        TrunkTlsProfiles profiles = TrunkTlsProfiles.install(stack.tls().orElseThrow(), List.of(
                trunk("itsp", "provider.example", Transport.TLS, Optional.of(bundle()))));
        assertThat(profiles.profileFor("edge1.carrier.net")).isEmpty();

        profiles.routeTargets("itsp", List.of("edge1.carrier.net", "EDGE2.carrier.net"));
        profiles.routeTargets("unknown", List.of("x.example"));

        assertThat(profiles.profileFor("edge1.carrier.net")).contains("trunk itsp");
        assertThat(profiles.profileFor("edge2.carrier.net")).contains("trunk itsp");
        assertThat(profiles.profileFor("x.example")).isEmpty();
    }

    @Test
    void anIpLiteralProviderIsRoutedAsItIs() {
        TrunkTlsProfiles profiles = TrunkTlsProfiles.install(stack.tls().orElseThrow(), List.of(
                trunk("itsp", "192.0.2.10", Transport.TLS, Optional.of(bundle()))));
        assertThat(profiles.routedHosts("itsp")).containsExactly("192.0.2.10");
        assertThat(profiles.profileFor("192.0.2.10")).contains("trunk itsp");
    }

    @Test
    void theProfileAuthenticatesTheProvidersSipDomainAndAnAddressAsItself() {
        assertThat(TrunkTlsProfiles.profile(trunk("itsp", "Provider.Example", Transport.TLS, Optional.of(bundle())))
                .sipDomain()).contains("provider.example");
        assertThat(TrunkTlsProfiles.profile(trunk("itsp", "192.0.2.10", Transport.TLS, Optional.of(bundle())))
                .sipDomain()).isEmpty();
    }

    /**
     * The attack: the trunk's CA bundle does not load (a typo, a renewal half done) while the
     * transport's own trust would accept whoever answers for the provider's name. The trunk's
     * connections must be refused, not made with trust the trunk never chose.
     */
    @Test
    void aTrunkWhoseTrustDoesNotLoadIsRefusedRatherThanServedByTheTransportsTrust() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Authority transportCa = TestCertificates.authority("Transport CA", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(100)));
        TlsFiles own = transportCa.leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "127.0.0.1")
                .write(dir.resolve("own"), "own");
        TransportConfig transport = TransportConfig.of(List.of())
                .withTls(new TlsConfig(own.certificate(), own.privateKey(), Optional.of(transportCa.bundle(dir)),
                        TlsConfig.ClientAuth.NONE, true))
                .withListenPoints(List.of(ListenPoint.of(dev.lifeline.sip.transport.Transport.UDP, "127.0.0.1", 0)));
        try (SipStack tlsStack = SipStack.start(new StackConfig(transport, TimerConfig.DEFAULT, dev.lifeline.sip.transaction.TransactionLimits.DEFAULT,
                     Optional.empty()), request -> { });
             TlsTestServer impostor = TlsTestServer.presenting(transportCa.leaf(now.minus(Duration.ofDays(1)),
                     now.plus(Duration.ofDays(30)), "provider.example"))) {
            TrunkTlsProfiles.install(tlsStack.tls().orElseThrow(), List.of(
                    trunk("itsp", "provider.example", Transport.TLS, Optional.of(dir.resolve("missing-ca.pem")))));

            var sent = tlsStack.send(options(), Target.of(dev.lifeline.sip.transport.Transport.TLS,
                    impostor.named("provider.example"))).toCompletableFuture();

            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("TLS client profile 'trunk itsp' cannot be used")
                    .hasMessageContaining("missing-ca.pem");
            assertThat(impostor.peers).isEmpty();
        }
    }

    private static SipRequest options() {
        String text = String.join("\r\n", "OPTIONS sip:provider.example SIP/2.0",
                "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-tls-profile-test",
                "Max-Forwards: 70",
                "From: <sip:gateway@127.0.0.1>;tag=t1",
                "To: <sip:provider.example>",
                "Call-ID: tls-profile-test",
                "CSeq: 1 OPTIONS",
                "Content-Length: 0", "", "");
        if (new SipParser().parse(text.getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Ok ok) {
            return (SipRequest) ok.message();
        }
        throw new IllegalStateException("test OPTIONS does not parse");
    }

    @Test
    void aMissingBundleIsReportedAndLoadedOnceItAppears() throws Exception {
        Path missing = dir.resolve("later-ca.pem");
        TrunkTlsProfiles profiles = TrunkTlsProfiles.install(stack.tls().orElseThrow(), List.of(
                trunk("itsp", "provider.example", Transport.TLS, Optional.of(missing))));
        List<TlsReload> reports = new CopyOnWriteArrayList<>();
        profiles.reportTo(reports::add);

        assertThat(profiles.failures()).singleElement().satisfies(r -> {
            assertThat(r.applied()).isFalse();
            assertThat(r.material()).isEqualTo("client profile trunk itsp");
            assertThat(r.detail()).contains("later-ca.pem");
        });
        // Routed to the trunk's profile all the same, so that its connections are refused until the file is there.
        assertThat(profiles.profileFor("provider.example")).contains("trunk itsp");
        profiles.routeTargets("itsp", List.of("edge1.carrier.net"));

        profiles.retryFailed();
        assertThat(reports).as("the same failure is not reported at every retry").isEmpty();

        Files.copy(bundle(), missing);
        profiles.retryFailed();

        assertThat(reports).singleElement().satisfies(r -> assertThat(r.applied()).isTrue());
        assertThat(profiles.failures()).isEmpty();
        assertThat(profiles.profileFor("provider.example")).contains("trunk itsp");
        assertThat(profiles.profileFor("edge1.carrier.net")).contains("trunk itsp");
    }
}
