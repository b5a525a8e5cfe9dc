package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.TestSites;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway whose own TLS certificate expires in 5 days says so at start, as a critical event and in status. */
class GatewayCertificateWatchTest {

    @TempDir
    Path dir;

    @Test
    void anOwnCertificateExpiringSoonIsReportedCriticalAtStart() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Authority ca = TestCertificates.authority("Lab CA", now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(365)));
        TlsFiles files = ca.leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)), "gateway.lab")
                .write(dir, "gateway");
        SiteConfig base = TestSites.config(dir.resolve("storage"));
        List<Listener> listen = new ArrayList<>(base.listen());
        listen.add(new Listener(Transport.TLS, new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.of(files)));
        SiteConfig config = new SiteConfig(base.site(), listen, base.extensions(), base.groups(), base.dids(),
                base.trunks(), base.dialPlan(), base.paths(), base.failover(), base.registrar(), base.security(),
                base.storage(), base.admin(), base.media(), base.signalling(), base.dns());

        try (Gateway gateway = Gateway.start(config)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.certificates().isEmpty());
            gateway.events().flush().join();
            List<Event.CertificateChecked> checked = gateway.events().since(Instant.EPOCH).stream()
                    .map(LoggedEvent::event).filter(Event.CertificateChecked.class::isInstance)
                    .map(Event.CertificateChecked.class::cast).toList();

            assertThat(checked).singleElement().satisfies(e -> {
                assertThat(e.subject()).startsWith("listener tls");
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.detail()).startsWith("expires on").endsWith("days)");
            });
            assertThat(gateway.certificates()).singleElement()
                    .satisfies(c -> assertThat(c.verdict().severity()).isEqualTo(Severity.CRITICAL));
        }
    }
}
