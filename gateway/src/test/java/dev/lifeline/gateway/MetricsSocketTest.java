package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.metrics.Exposition;
import dev.lifeline.sip.transport.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a real gateway over a socket on 127.0.0.1: who may read it, and that it follows the gateway. */
class MetricsSocketTest {

    @TempDir
    Path storage;
    final List<AutoCloseable> open = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Gateway start(SiteConfig config) throws Exception {
        gateway = Gateway.start(config, GatewayPlugins.DEFAULT.withCalls((ctx, trunks) -> new RecordingCallHandler()));
        open.add(gateway);
        return gateway;
    }

    String token() throws Exception {
        return Files.readString(gateway.adminTokenFile().orElseThrow()).strip();
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.adminUri().resolve(URI.create(path)))
                .timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Exposition scrape() throws Exception {
        HttpResponse<String> r = get("/metrics", token());
        assertThat(r.statusCode()).isEqualTo(200);
        return Exposition.parse(r.body());
    }

    Phone phone(String user, String password) throws Exception {
        Phone p = Phone.on(gateway, user, password, Transport.UDP);
        open.add(p);
        return p;
    }

    @Test
    void metricsNeedTheTokenByDefaultAndThenParse() throws Exception {
        start(TestSites.config(storage));

        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "x".repeat(64)).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/metrics", token());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain; version=0.0.4"));
        Exposition e = Exposition.parse(r.body());
        assertThat(e.value("lifeline_up")).isEqualTo(1);
        assertThat(e.types()).containsEntry("lifeline_registrar_bindings", "gauge");
        assertThat(e.value("lifeline_registrar_bindings")).isZero();
        assertThat(r.body()).doesNotContain("pw1001", token());
    }

    @Test
    void aPhoneRegisteringShowsAsABindingAndIsCounted() throws Exception {
        start(TestSites.config(storage));
        Phone phone = phone("1001", "pw1001");

        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        Exposition e = scrape();

        assertThat(e.value("lifeline_registrar_bindings")).isEqualTo(1);
        assertThat(e.value("lifeline_registrar_aors")).isEqualTo(1);
        assertThat(e.value("lifeline_registrar_registrations_total", "result", "new")).isEqualTo(1);
        assertThat(e.value("lifeline_sip_messages_total", "direction", "received")).isGreaterThanOrEqualTo(2);
        assertThat(e.value("lifeline_admission_requests_total", "class", "new-register", "decision", "admitted"))
                .isGreaterThanOrEqualTo(1);

        assertThat(phone.withAuth(phone.register(0)).status()).isEqualTo(200);
        e = scrape();
        assertThat(e.value("lifeline_registrar_bindings")).isZero();
        assertThat(e.value("lifeline_registrar_bindings_removed_total", "reason", "unregistered")).isEqualTo(1);
    }

    @Test
    void wrongPasswordsAreCountedUntilTheSourceIsBanned() throws Exception {
        start(TestSites.config(storage));
        Phone guesser = phone("1001", "guess");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.withAuth(guesser.register(600)).status()).isEqualTo(403);
        }

        Exposition e = scrape();

        assertThat(e.value("lifeline_registrar_registrations_total", "result", "rejected")).isEqualTo(5);
        assertThat(e.value("lifeline_bans_total")).isEqualTo(1);
        assertThat(e.value("lifeline_bans_active")).isEqualTo(1);
    }

    @Test
    void metricsPublicOpensMetricsAndNothingElse() throws Exception {
        SiteConfig c = TestSites.config(storage);
        AdminSettings publicMetrics = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.empty(), false, true);
        start(new SiteConfig(c.site(), c.listen(), c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(),
                c.paths(), c.failover(), c.registrar(), c.security(), c.storage(), publicMetrics, c.media(),
                c.signalling(), c.dns()));

        HttpResponse<String> r = get("/metrics", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Exposition.parse(r.body()).value("lifeline_up")).isEqualTo(1);
        assertThat(get("/api/status", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/registrations", null).statusCode()).isEqualTo(401);
    }
}
