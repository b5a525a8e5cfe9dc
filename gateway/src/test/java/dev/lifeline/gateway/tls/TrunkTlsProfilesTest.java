package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.CallerIdPresentation;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.NumberFormat;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.TrunkTrust;
import dev.lifeline.gateway.trunk.TrunkTlsProfiles;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.TlsReload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
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
        assertThat(profiles.profileFor("provider.example")).isEmpty();
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
