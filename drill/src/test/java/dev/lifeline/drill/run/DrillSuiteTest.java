package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportHtml;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drills against the real gateway in the lab, on the example site: the quick suite passes
 * and writes its reports, and so does dns-failure, which the quick suite leaves out. That each
 * scenario fails against a gateway that misbehaves is {@link MisbehavingGatewayTest}'s.
 */
class DrillSuiteTest {

    @TempDir
    Path work;

    @Test
    void theQuickSuitePassesAgainstTheExampleSite() throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println).run("quick", BuiltInSuite.quick());
        System.out.print(SummaryTable.format(report));

        Path json = ReportJson.write(report, work.resolve("out"));
        Path html = ReportHtml.write(report, work.resolve("out"));
        assertThat(Files.readString(json)).contains("\"suite\" : \"quick\"", "\"detection_s\"");
        assertThat(Files.readString(html)).contains("<svg");
        assertThat(report.scenarios()).allSatisfy(s -> assertThat(s.verdict())
                .as("%s: %s %s", s.name(), s.slos(), s.error().orElse("")).isEqualTo(Verdict.PASS));
        // The SLOs hold the figures (detection <= 1 s, registration <= 2 s, audio gap <= 1.5 s);
        // that they were measured at all is checked here.
        ScenarioReport loss = report.scenario("wan-total-loss").orElseThrow();
        assertThat(loss.metrics()).containsKeys(Metrics.DETECTION_S, Metrics.REGISTRATION_RECOVERY_S,
                Metrics.AUDIO_GAP_S, Metrics.LOSS_MAX_PCT, Metrics.JITTER_MAX_MS, Metrics.MOUTH_TO_EAR_MAX_MS);
    }

    @Test
    void dnsFailurePassesWithServeStale() throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println)
                .run("check", List.of(BuiltInSuite.byName("dns-failure").orElseThrow()));
        System.out.print(SummaryTable.format(report));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        assertThat(result.metrics()).containsKey(Metrics.REGISTRATION_RECOVERY_S);
    }
}
