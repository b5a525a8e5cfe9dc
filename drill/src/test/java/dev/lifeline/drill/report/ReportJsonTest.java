package dev.lifeline.drill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json has the documented shape and reads back to the same report. */
class ReportJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theTopLevelHasTheDocumentedFieldsInOrder() throws IOException {
        Path file = ReportJson.write(SampleReports.report(), dir.resolve("out"));

        assertThat(file).isEqualTo(dir.resolve("out/report.json"));
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(fieldNames(root)).startsWith("suite", "started", "config", "scenarios");
        assertThat(root.get("suite").asText()).isEqualTo("default");
        assertThat(root.get("started").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(root.get("config").asText()).isEqualTo("examples/site.yaml");
        assertThat(root.get("scenarios")).hasSize(3);
    }

    @Test
    void aScenarioHasNameVerdictMetricsSlosAndEvents() throws IOException {
        JsonNode s = JSON.readTree(ReportJson.toJson(SampleReports.report())).get("scenarios").get(0);

        assertThat(fieldNames(s)).startsWith("name", "verdict", "metrics", "slos", "events");
        assertThat(s.get("name").asText()).isEqualTo("wan-total-loss");
        assertThat(s.get("verdict").asText()).isEqualTo("pass");
        assertThat(s.get("metrics").get("detection_s").isNumber()).isTrue();
        assertThat(s.get("metrics").get("detection_s").asDouble()).isEqualTo(0.61);
        assertThat(s.get("metrics").get("registration_recovery_s").asDouble()).isEqualTo(0.62);
        JsonNode slo = s.get("slos").get(0);
        assertThat(fieldNames(slo)).containsExactly("name", "target", "measured", "pass");
        assertThat(slo.get("name").asText()).isEqualTo("detection_s");
        assertThat(slo.get("target").asText()).isEqualTo("<= 1 s");
        assertThat(slo.get("measured").asText()).isEqualTo("0.61 s");
        assertThat(slo.get("pass").isBoolean()).isTrue();
        JsonNode event = s.get("events").get(1);
        assertThat(fieldNames(event)).containsExactly("at_ms", "type", "summary");
        assertThat(event.get("at_ms").asLong()).isEqualTo(5000);
        assertThat(event.get("type").asText()).isEqualTo("fault");
        assertThat(s.get("series").get(0).get("points").get(1).toString()).isEqualTo("[5610,0.0]");
        assertThat(s.has("error")).isFalse();
    }

    @Test
    void failAndErrorVerdictsAreWrittenInLowerCaseAndAnErrorCarriesItsMessage() throws IOException {
        JsonNode scenarios = JSON.readTree(ReportJson.toJson(SampleReports.report())).get("scenarios");

        assertThat(scenarios.get(1).get("verdict").asText()).isEqualTo("fail");
        assertThat(scenarios.get(2).get("verdict").asText()).isEqualTo("error");
        assertThat(scenarios.get(2).get("error").asText()).isEqualTo("gateway did not start: port 5060 in use");
        assertThat(scenarios.get(2).get("metrics").size()).isZero();
    }

    @Test
    void aWrittenReportReadsBackEqual() throws IOException {
        DrillReport report = SampleReports.report();
        ReportJson.write(report, dir);

        DrillReport expected = new DrillReport(report.suite(), report.started(), report.config(),
                report.scenarios().stream().map(ScenarioReport::withGeneratedReading).toList());
        assertThat(ReportJson.read(dir.resolve("report.json"))).isEqualTo(expected);
        assertThat(ReportJson.read(dir)).as("a directory means its report.json").isEqualTo(expected);
    }

    @Test
    void aScenarioWithoutReadingGetsTheGeneratedOne() throws IOException {
        JsonNode s = JSON.readTree(ReportJson.toJson(SampleReports.report())).get("scenarios").get(1);

        assertThat(s.get("reading").asText()).isEqualTo(Reading.of(SampleReports.dnsFailure())).contains("3 of 20 calls placed did not connect.");
    }

    @Test
    void readingIgnoresUnknownFields() throws IOException {
        String json = """
                {"suite":"quick","started":"2026-03-01T09:00:00Z","config":"site.yaml","scenarios":[
                 {"name":"x","verdict":"pass","metrics":{"audio_gap_s":0.4},"slos":[],"events":[],"future":1}],
                 "future":{"a":1}}""";

        DrillReport r = ReportJson.parse("r.json", json);

        assertThat(r.scenario("x").orElseThrow().metrics()).containsEntry("audio_gap_s", 0.4);
    }

    @Test
    void aBadFileIsNamedWithTheFieldThatIsWrong() throws IOException {
        Path f = dir.resolve("report.json");
        Files.writeString(f, """
                {"suite":"quick","started":"2026-03-01T09:00:00Z","config":"site.yaml","scenarios":[
                 {"name":"x","verdict":"ok"}]}""");

        assertThatThrownBy(() -> ReportJson.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("report.json").hasMessageContaining("scenarios[0].verdict: 'ok' is not pass, fail or error");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> ReportJson.read(f)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ReportJson.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
    }

    @Test
    void aReportRefusesNaNMetricsAndAnErrorWithoutMessage() {
        assertThatThrownBy(() -> ScenarioReport.completed("x", java.util.Map.of("audio_gap_s", Double.NaN),
                List.of(), List.of(), List.of())).hasMessageContaining("metric audio_gap_s is NaN");
        assertThatThrownBy(() -> new ScenarioReport("x", Verdict.ERROR, java.util.Map.of(), List.of(), List.of(),
                List.of(), "", java.util.Optional.empty())).hasMessageContaining("needs an error message");
    }

    @Test
    void theExitCodeFollowsTheWorstVerdict() {
        DrillReport all = SampleReports.report();
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(new DrillReport("d", all.started(), "c", List.of(SampleReports.wanTotalLoss(), SampleReports.dnsFailure()))
                .exitCode()).isEqualTo(1);
        assertThat(new DrillReport("d", all.started(), "c", List.of(SampleReports.wanTotalLoss())).exitCode()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
