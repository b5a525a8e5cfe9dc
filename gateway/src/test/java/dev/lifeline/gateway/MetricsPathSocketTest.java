package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.dns.FakeDnsServer;
import dev.lifeline.gateway.metrics.Exposition;
import dev.lifeline.gateway.trunk.FakeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small scenario over real sockets on loopback: a gateway with one WAN path (wan1 on
 * 127.0.0.11) registers its trunk with a provider and probes it; the provider goes away, the
 * path goes down (a failed OPTIONS, then a silent confirmation burst), and /metrics follows each step.
 */
class MetricsPathSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path storage;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Exposition scrape() throws Exception {
        String token = Files.readString(gateway.adminTokenFile().orElseThrow()).strip();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.adminUri().resolve(URI.create("/metrics")))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Exposition.parse(r.body());
    }

    @Test
    void theProviderGoingAwayTakesThePathDownInTheGauges() throws Exception {
        FakeProvider provider = FakeProvider.start(0);
        FakeDnsServer dns = FakeDnsServer.start("127.0.0.27");
        open.add(dns);
        String yaml = """
                site: {name: Test site, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                  - {number: 1001, name: Reception, password: pw1001}
                registrar: {realm: test.lifeline}
                dialPlan: {emergency: [911]}
                trunks:
                  - {name: provider, provider: "127.0.0.1:%d", transport: udp, register: true, username: site1,
                     password: trunkpw, expires: 5m}
                paths:
                  - {name: wan1, bind: 127.0.0.11, resolvers: ["%s"], priority: 1}
                failover: {probeInterval: 1s, probeTimeout: 1s, optionsFailuresToDown: 3, holdDown: 2s}
                """.formatted(provider.port(), dns.address());
        gateway = Gateway.start(TestSites.config(storage, yaml));
        open.add(gateway);

        await().atMost(PATIENCE).until(() -> scrape().value("lifeline_trunk_state", "trunk", "provider") == 1);
        Exposition up = scrape();
        assertThat(up.value("lifeline_path_state", "path", "wan1")).isEqualTo(1);
        assertThat(up.value("lifeline_path_active", "path", "wan1")).isEqualTo(1);
        assertThat(up.value("lifeline_survival_mode")).isZero();
        assertThat(up.value("lifeline_path_switches_total", "to", "wan1", "reason", "start")).isEqualTo(1);
        assertThat(up.value("lifeline_path_probe_failures_total", "path", "wan1")).isZero();

        provider.close();

        await().atMost(PATIENCE).until(() -> scrape().value("lifeline_path_state", "path", "wan1") == 0);
        Exposition down = scrape();
        assertThat(down.value("lifeline_path_active", "path", "wan1")).isZero();
        assertThat(down.value("lifeline_survival_mode")).isEqualTo(1);
        // A late probe or a failed one makes the path suspect and a silent confirmation burst takes it down, so the
        // regular probes' failures may come in after: they go on failing while the provider is away.
        await().atMost(PATIENCE).until(() -> scrape().value("lifeline_path_probe_failures_total", "path", "wan1") >= 2);
        assertThat(down.value("lifeline_path_state_changes_total", "path", "wan1", "state", "down")).isEqualTo(1);
        assertThat(down.value("lifeline_path_switches_total", "from", "wan1", "reason", "all_down")).isEqualTo(1);
    }
}
