package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cert-expired} drill for real, in the lab's TLS mode on the example site: the first
 * provider target switches to an expired certificate, the gateway's certificate check (asked
 * now by the lab) raises an event about it, and the calls placed meanwhile go through the other
 * target.
 */
class CertExpiredDrillTest {

    @TempDir
    Path work;

    @Test
    void anExpiredTargetCertificateIsReportedAndCallsGoThroughTheOtherTarget() throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println)
                .run("check", List.of(BuiltInSuite.byName("cert-expired").orElseThrow()));

        System.out.print(SummaryTable.format(report));
        ScenarioReport result = report.scenarios().get(0);
        System.out.println("cert-expired metrics: " + result.metrics());
        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        assertThat(result.metrics().get(Metrics.CERTIFICATE_EVENTS)).isGreaterThanOrEqualTo(1.0);
        assertThat(result.metrics().get(Metrics.CALLS_FAILED)).isZero();
    }
}
