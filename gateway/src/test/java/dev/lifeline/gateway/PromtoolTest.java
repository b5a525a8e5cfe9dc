package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own tool reads what the gateway serves and the example scrape configuration:
 * {@code promtool check metrics} on a live scrape, {@code promtool check config} on
 * examples/prometheus.yml, {@code promtool check rules} on every query of the example Grafana
 * dashboard. Needs the Debian package {@code prometheus} for promtool (.ci/run installs it; its
 * service is not used).
 */
class PromtoolTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    Path dir;

    record Result(int exit, String output) {
    }

    static void requirePromtool() {
        assertThat(Files.isExecutable(PROMTOOL)).as("promtool is missing: apt-get install prometheus").isTrue();
    }

    static Result promtool(List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + args + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void promtoolAcceptsALiveScrape() throws Exception {
        requirePromtool();
        try (Gateway gateway = Gateway.start(TestSites.config(dir), GatewayPlugins.DEFAULT
                .withCalls((ctx, trunks) -> new RecordingCallHandler()))) {
            String token = Files.readString(gateway.adminTokenFile().orElseThrow()).strip();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            gateway.adminUri().resolve(URI.create("/metrics"))).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);

            Result check = promtool(List.of("check", "metrics"), r.body());

            assertThat(check.exit()).as(check.output()).isZero();
        }
    }

    @Test
    void promtoolAcceptsEveryMetricFamilyWithHistograms() throws Exception {
        requirePromtool();

        Result check = promtool(List.of("check", "metrics"), dev.lifeline.gateway.metrics.SampleMetrics.text());

        assertThat(check.exit()).as(check.output()).isZero();
    }

    @Test
    void promtoolAcceptsTheExampleScrapeConfig() throws Exception {
        requirePromtool();
        // The example names the token file where an installed Prometheus keeps it; point it at a test copy.
        Path token = Files.writeString(dir.resolve("lifeline.token"), "0123456789abcdef0123456789abcdef\n");
        String example = Files.readString(Path.of("..", "examples", "prometheus.yml"));
        assertThat(example).contains("credentials_file: /etc/prometheus/lifeline.token", "metrics_path: /metrics");
        Path config = Files.writeString(dir.resolve("prometheus.yml"),
                example.replace("/etc/prometheus/lifeline.token", token.toString()));

        Result check = promtool(List.of("check", "config", config.toString()), "");

        assertThat(check.exit()).as(check.output()).isZero();
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        requirePromtool();
        var dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Path.of("..", "examples", "grafana-dashboard.json")));
        List<String> exprs = dashboard.findValues("expr").stream().map(n -> n.asText()).toList();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            // Grafana fills $instance with a regex of the chosen gateways; any regex will do here.
            String expr = exprs.get(i).replace("$instance", ".*");
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-rules.yml"), rules);

        Result check = promtool(List.of("check", "rules", file.toString()), "");

        assertThat(exprs).hasSizeGreaterThan(20);
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + exprs.size() + " rules found");
    }
}
