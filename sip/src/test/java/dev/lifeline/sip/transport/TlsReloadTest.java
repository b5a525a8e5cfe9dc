package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.message.SipRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewed certificate files are used for new handshakes; open connections keep running; bad files are refused. */
class TlsReloadTest {

    @TempDir
    Path dir;

    private final SipRequest register = TransportFixture.sample("register.sip", "SIP/2.0/TCP", "SIP/2.0/TLS");
    private final TestPki oldCa = TestPki.create("old");
    private final TestPki newCa = TestPki.create("new");

    @Test
    void aReplacedListenerCertificateServesNewConnectionsWhileAnOpenOneStays() throws Exception {
        TestPki.NodeFiles served = oldCa.issue(dir.resolve("gw"), "gateway");
        TestPki.NodeFiles renewed = newCa.issue(dir.resolve("renewed"), "gateway");
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(served.tlsConfig()), Transport.TLS);
             TransportFixture oldPhone = client("old-phone", oldCa);
             TransportFixture newPhone = client("new-phone", newCa);
             TransportFixture latePhone = client("late-phone", oldCa)) {
            Target target = Target.of(Transport.TLS, gateway.address(Transport.TLS));
            Sent first = send(oldPhone, target);
            ConnectionId openAtGateway = gateway.inbox.next().connection();

            replace(renewed.chain(), served.chain());
            replace(renewed.key(), served.key());
            List<TlsReload> reloads = gateway.transport.tls().reloadIfChanged();

            assertThat(reloads).singleElement().satisfies(r -> {
                assertThat(r.applied()).isTrue();
                assertThat(r.material()).isEqualTo("transport");
            });
            send(newPhone, target); // trusts only the new CA: the new certificate is served
            assertThat(gateway.inbox.next().connection()).isNotEqualTo(openAtGateway);
            assertThatThrownBy(() -> send(latePhone, target)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("PKIX");
            Sent again = send(oldPhone, target); // the connection made before the reload still carries requests
            assertThat(again.connection()).isEqualTo(first.connection());
            assertThat(gateway.inbox.next().connection()).isEqualTo(openAtGateway);
        }
    }

    @Test
    void aHalfDoneRenewalIsRefusedAndTheOldCertificateKeepsServing() throws Exception {
        TestPki.NodeFiles served = oldCa.issue(dir.resolve("gw"), "gateway");
        TestPki.NodeFiles renewed = newCa.issue(dir.resolve("renewed"), "gateway");
        List<TlsReload> heard = new CopyOnWriteArrayList<>();
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(served.tlsConfig()), Transport.TLS);
             TransportFixture phone = client("phone", oldCa)) {
            gateway.transport.tls().onReload(heard::add);

            replace(renewed.chain(), served.chain()); // the key is still the old one
            assertThat(gateway.transport.tls().reloadIfChanged()).singleElement().satisfies(r -> {
                assertThat(r.applied()).isFalse();
                assertThat(r.detail()).contains("kept the previous material")
                        .contains("does not belong to the certificate").contains(served.key().toString());
            });
            assertThat(gateway.transport.tls().reloadIfChanged()).as("reported once per change").isEmpty();
            send(phone, Target.of(Transport.TLS, gateway.address(Transport.TLS)));
            assertThat(gateway.inbox.next().transport()).isEqualTo(Transport.TLS);

            replace(renewed.key(), served.key());
            assertThat(gateway.transport.tls().reloadIfChanged()).singleElement()
                    .satisfies(r -> assertThat(r.applied()).isTrue());
            assertThat(heard).extracting(TlsReload::applied).containsExactly(false, true);
        }
    }

    @Test
    void garbageAndMissingFilesAreRefusedNamingTheFile() throws Exception {
        TestPki.NodeFiles served = oldCa.issue(dir.resolve("gw"), "gateway");
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(served.tlsConfig()), Transport.TLS);
             TransportFixture phone = client("phone", oldCa)) {
            Files.writeString(served.chain(), "not a certificate\n");
            assertThat(gateway.transport.tls().reloadIfChanged()).singleElement().satisfies(r -> {
                assertThat(r.applied()).isFalse();
                assertThat(r.detail()).contains(served.chain().toString());
            });
            Files.delete(served.key());
            assertThat(gateway.transport.tls().reloadIfChanged()).singleElement().satisfies(r ->
                    assertThat(r.detail()).contains("cannot read TLS material " + served.key()));
            send(phone, Target.of(Transport.TLS, gateway.address(Transport.TLS)));
            assertThat(gateway.inbox.next().transport()).isEqualTo(Transport.TLS);
        }
    }

    @Test
    void touchingFilesWithoutChangingThemReloadsNothing() throws Exception {
        TestPki.NodeFiles served = oldCa.issue(dir.resolve("gw"), "gateway");
        try (TransportFixture gateway = TransportFixture.start(c -> c.withTls(served.tlsConfig()), Transport.TLS)) {
            Files.setLastModifiedTime(served.chain(), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
            assertThat(gateway.transport.tls().reloadIfChanged()).isEmpty();
        }
    }

    @Test
    void aClientProfilesFilesAreWatchedOnTheGivenScheduler() throws Exception {
        TestPki.NodeFiles provider = newCa.issue(dir.resolve("provider"), "provider");
        Path bundle = dir.resolve("trunk-ca.pem");
        Files.copy(oldCa.issue(dir.resolve("x"), "x").trust(), bundle);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<TlsReload> heard = new CopyOnWriteArrayList<>();
        try (TransportFixture server = TransportFixture.start(c -> c.withTls(provider.tlsConfig()), Transport.TLS);
             TransportFixture gateway = TransportFixture.start(Transport.TCP)) {
            TlsMaterial tls = gateway.transport.tls();
            tls.putClientProfile("trunk", TlsClientProfile.trusting(bundle));
            tls.routeHost("127.0.0.1", "trunk");
            tls.onReload(heard::add);
            tls.watch(scheduler, Duration.ofMillis(50));

            replace(provider.trust(), bundle); // the operator fixes the trunk's bundle
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
            assertThat(heard).singleElement().satisfies(r -> {
                assertThat(r.material()).isEqualTo("client profile trunk");
                assertThat(r.applied()).isTrue();
            });
            send(gateway, Target.of(Transport.TLS, server.address(Transport.TLS)));
            assertThat(server.inbox.next().transport()).isEqualTo(Transport.TLS);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private TransportFixture client(String name, TestPki trusted) throws TransportException {
        TestPki.NodeFiles own = trusted.issue(dir.resolve(name), name);
        return TransportFixture.start(c -> c.withTls(new TlsConfig(own.chain(), own.key(), Optional.of(own.trust()),
                TlsConfig.ClientAuth.NONE, true)), Transport.TLS);
    }

    private Sent send(TransportFixture from, Target target) throws Exception {
        return from.transport.send(register, target).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void replace(Path source, Path target) throws Exception {
        Path staged = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
