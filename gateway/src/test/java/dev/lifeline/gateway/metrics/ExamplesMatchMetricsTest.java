package dev.lifeline.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.routing.TrunkSummary;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example Grafana dashboard and docs/metrics.md name only metrics the gateway exposes, and
 * the document lists every one it exposes: neither can rot when a metric is renamed.
 */
class ExamplesMatchMetricsTest {

    static final Path DASHBOARD = Path.of("..", "examples", "grafana-dashboard.json");
    static final Path DOC = Path.of("..", "docs", "metrics.md");
    static final Pattern METRIC = Pattern.compile("\\blifeline_[a-z0-9_]+");

    /** The exposition of a gateway with two paths and a trunk that has seen one event of every kind metrics count. */
    static Exposition everything() {
        FakeClock clock = new FakeClock();
        FakeLiveState live = new FakeLiveState();
        Instant t = clock.instant();
        live.paths = List.of(new PathStatus("wan1", "up", t, true, 0, 20, 1, 93, "x"));
        live.trunks = List.of(new TrunkSummary("provider", "registered", ""));
        live.relay = Map.of(InetAddress.getLoopbackAddress(), 1);
        GatewayMetrics m = new GatewayMetrics(live, clock, "site", List.of("wan1", "wan2"), List.of("provider"), 100);
        List<Event> events = List.of(
                new Event.ActivePathChanged(t, "", "wan1", "wan1 is the preferred path (assumed up at start)"),
                new Event.PathStateChanged(t, "wan1", "down", "quality probes silent for 600 ms"),
                new Event.PathSuspicion(t, "wan1", "suspect", "x"),
                new Event.TrunkStateChanged(t, "provider", "registered", "200 OK"),
                new Event.TrunkMoved(t, "provider", "wan2", "udp 192.0.2.1:5060", "sip:x"),
                new Event.ProviderTargetFailed(t, "provider", "OPTIONS", "udp 192.0.2.1:5060", "timeout"),
                new Event.BindingSaved(t, "1001", "sip:1001@x", t, null, null, false),
                new Event.BindingExpired(t, "1001", "sip:1001@x", t),
                new Event.AuthenticationFailed(t, "INVITE", "1001", null, null, "x"),
                new Event.SourceBanned(t, InetAddress.getLoopbackAddress(), t, "x"),
                new Event.DnsProblem(t, "wan1", "x", "A", true, "x"),
                new Event.CallStarted(t, "c", "1001", "5551234", "trunk provider"),
                new Event.CallEnded(t.plusSeconds(9), "c", "1001", "5551234", "trunk provider", 200, "x",
                        Event.Hangup.CALLER, t.plusSeconds(2), Duration.ofSeconds(7), 10, 0, 0, 93, 4.4, 10, 0, 0, 93, 4.4),
                new Event.CallMediaMoved(t, "c", "wan2", 200, Duration.ofMillis(300)),
                new Event.CertificateChecked(t, "listener tls 127.0.0.1:5061", "ok", t.plus(Duration.ofDays(90)), "x"));
        events.forEach(m::accept);
        return Exposition.parse(m.scrape());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        Set<String> used = new TreeSet<>();
        exprs.forEach(e -> {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                used.add(m.group());
            }
        });

        assertThat(exprs).hasSizeGreaterThan(20);
        assertThat(used).contains("lifeline_path_state", "lifeline_path_active", "lifeline_path_loss_ratio",
                "lifeline_path_r_factor", "lifeline_calls_total", "lifeline_call_mos_cqe_bucket",
                "lifeline_registrar_bindings");
        assertThat(everything().names()).containsAll(used);
    }

    @Test
    void theDocumentListsEveryExposedMetricAndNoOther() throws Exception {
        String doc = Files.readString(DOC);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(lifeline_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> families = new TreeSet<>(everything().types().keySet());

        assertThat(documented).isEqualTo(families);
    }

    private static void collectExprs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectExprs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectExprs(n, out));
        }
    }
}
