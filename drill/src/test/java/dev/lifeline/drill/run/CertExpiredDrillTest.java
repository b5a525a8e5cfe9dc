package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.GatewayPlugins;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cert-expired} drill for real, in the lab's TLS mode on the example site: the first
 * provider target switches to an expired certificate, the gateway's own handshakes to it fail,
 * its certificate watch checks at once and raises an event about it, and the calls placed
 * meanwhile go through the other target. A gateway that checks only hourly fails the drill.
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
        assertThat(result.metrics()).containsKey(Metrics.CERTIFICATE_EVENT_S);
    }

    @Test
    void aGatewayThatChecksCertificatesOnlyHourlyFailsTheDrill() throws Exception {
        // Its handshakes to the target fail and calls still move on, but nobody is told why.
        GatewayPlugins hourly = GatewayPlugins.DEFAULT.withCertificateRecheck(
                GatewayPlugins.CertificateRecheck.HOURLY_ONLY);
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "hourly-certificate-checks.yaml", work, System.out::println).withGateway(hourly)
                .run("check", List.of(BuiltInSuite.byName("cert-expired").orElseThrow()));

        ScenarioReport result = report.scenarios().get(0);
        // No event at all: its delay is not there to measure.
        DrillAssertions.assertFailsOnlyOn(result, DrillAssertions.on("certificate event"),
                DrillAssertions.orNotMeasured("certificate event within"));
        assertThat(result.metrics().get(Metrics.CALLS_FAILED)).isZero();
    }
}
