package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.gateway.events.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateWatchTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(NOW);
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final TestCertificates.Authority ca = TestCertificates.authority("Example CA",
            NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(3000)));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void roundsRunAtStartAndHourlyAndGradeAsTimePasses() throws Exception {
        TlsFiles listener = ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)),
                "gw.example").write(dir, "listener");
        try (TlsTestServer provider = TlsTestServer.presenting(
                ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)), "sip1.provider.example"))) {
            ProviderTarget target = new ProviderTarget("acme", "wan1", provider.named("sip1.provider.example"),
                    ProviderCertificateCheckTest.loopback(1), Optional.of(ca.bundle(dir)), Optional.empty());
            List<ProviderTarget> targets = new ArrayList<>(List.of(target));
            try (CertificateWatch watch = watch(() -> List.copyOf(targets), listener)) {
                watch.start();
                assertThat(scheduler.periodic).singleElement().satisfies(p -> {
                    assertThat(p.initialDelay()).isZero();
                    assertThat(p.unit().toNanos(p.period())).isEqualTo(Duration.ofHours(1).toNanos());
                });
                Runnable round = scheduler.periodic.get(0).task();

                round.run();
                assertThat(events).map(CertificateWatchTest::line).containsExactly(
                        "listener tls 127.0.0.1:5061 warning expires on " + date(10) + " (10 days)",
                        "provider sip1.provider.example:" + target.remote().getPort() + " via wan1 ok valid until "
                                + day(NOW.plus(Duration.ofDays(100))) + " (100 days)");
                Event.CertificateChecked first = (Event.CertificateChecked) events.get(0);
                assertThat(first.at()).isEqualTo(NOW);
                assertThat(first.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));

                events.clear();
                clock.advance(Duration.ofDays(4));
                targets.clear(); // the path went down: nothing to check over it
                round.run();
                assertThat(events).map(CertificateWatchTest::line)
                        .containsExactly("listener tls 127.0.0.1:5061 critical expires on " + date(10) + " (6 days)");
                assertThat(watch.snapshot()).singleElement().satisfies(s -> {
                    assertThat(s.subject()).isEqualTo("listener tls 127.0.0.1:5061");
                    assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(s.checkedAt()).isEqualTo(NOW.plus(Duration.ofDays(4)));
                });
            }
            assertThat(scheduler.periodic.get(0).future().isCancelled()).as("closing stops the rounds").isTrue();
        }
    }

    @Test
    void aRenewedFileIsSeenByTheNextCheck() throws Exception {
        TlsFiles listener = ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3)), "gw.example").write(dir, "listener");
        TlsFiles renewed = ca.leaf(NOW, NOW.plus(Duration.ofDays(365)), "gw.example").write(dir.resolve("new"), "listener");
        try (CertificateWatch watch = watch(List::of, listener)) {
            assertThat(watch.checkNow()).singleElement().satisfies(s -> assertThat(s.severity()).isEqualTo(Severity.CRITICAL));
            Files.copy(renewed.certificate(), listener.certificate(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.privateKey(), listener.privateKey(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(watch.checkNow()).singleElement().satisfies(s -> assertThat(s.severity()).isEqualTo(Severity.OK));
            assertThat(events).map(e -> ((Event.CertificateChecked) e).severity()).containsExactly("critical", "ok");
        }
    }

    @Test
    void aRefusedReloadIsReportedAtOnceAndAnyReloadTriggersARound() throws Exception {
        TlsFiles listener = ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), "gw.example").write(dir, "listener");
        try (CertificateWatch watch = watch(List::of, listener)) {
            watch.onTlsReload(new dev.lifeline.sip.transport.TlsReload("transport", List.of(listener.certificate()), false,
                    "kept the previous material: " + listener.certificate() + ": not a PEM certificate file"));
            // Reported before the round is even queued; the round runs on a real thread and may already be done.
            assertThat(events).first().isEqualTo(new Event.CertificateChecked(NOW, "TLS files of transport", "invalid",
                    null, "kept the previous material: " + listener.certificate() + ": not a PEM certificate file"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
            assertThat(watch.snapshot()).singleElement().satisfies(s -> assertThat(s.severity()).isEqualTo(Severity.OK));
        }
    }

    @Test
    void aFailedHandshakeTriggersARoundAtMostOncePerGap() throws Exception {
        TlsFiles listener = ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), "gw.example").write(dir, "listener");
        var failure = new dev.lifeline.sip.transport.TlsHandshakeFailure(
                new java.net.InetSocketAddress("127.0.0.41", 5061), NOW, "PKIX path validation failed");
        try (CertificateWatch watch = watch(List::of, listener)) {
            watch.onHandshakeFailure(failure);
            watch.onHandshakeFailure(failure);   // every retry of a broken peer fails: one round is enough
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);

            clock.advance(CertificateWatch.FAILURE_RECHECK_GAP.minusSeconds(1));
            watch.onHandshakeFailure(failure);
            clock.advance(Duration.ofSeconds(1));
            watch.onHandshakeFailure(failure);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
            Thread.sleep(200);
            assertThat(events).hasSize(2).allSatisfy(e -> assertThat(line(e)).startsWith("listener tls 127.0.0.1:5061 ok"));
        }
    }

    @Test
    void aFailingTargetSupplierStillLetsOwnCertificatesBeChecked() throws Exception {
        TlsFiles listener = ca.leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), "gw.example").write(dir, "listener");
        try (CertificateWatch watch = watch(() -> {
            throw new IllegalStateException("DNS is down");
        }, listener)) {
            assertThat(watch.checkNow()).singleElement().satisfies(s -> assertThat(s.severity()).isEqualTo(Severity.OK));
        }
    }

    private CertificateWatch watch(java.util.function.Supplier<List<ProviderTarget>> targets, TlsFiles listener) {
        return new CertificateWatch(targets, List.of(new OwnCertificate("listener tls 127.0.0.1:5061", listener)),
                new ProviderCertificateCheck(new CertificateInspector(), Duration.ofSeconds(5)), events::add,
                scheduler, clock, CertificateWatch.DEFAULT_INTERVAL);
    }

    private static String line(Event event) {
        Event.CertificateChecked c = (Event.CertificateChecked) event;
        return c.subject() + " " + c.severity() + " " + c.detail();
    }

    private static String date(int days) {
        return day(NOW.plus(Duration.ofDays(days)).plus(Duration.ofHours(1)));
    }

    private static String day(Instant instant) {
        return java.time.LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC).toString();
    }
}
