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
        assertThat(SampleMetrics.everything().names()).containsAll(used);
    }

    @Test
    void theDocumentListsEveryExposedMetricAndNoOther() throws Exception {
        String doc = Files.readString(DOC);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(lifeline_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> families = new TreeSet<>(SampleMetrics.everything().types().keySet());

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
