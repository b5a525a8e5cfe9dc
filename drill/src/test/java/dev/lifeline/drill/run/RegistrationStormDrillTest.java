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
 * The storm the issue measured with a load generator, as a drill: 3,000 phones registered,
 * then all of them register again at once, from 64 source addresses. Before the
 * memory-bounded transaction layer a sustained load refused everyone for 7 s; now each phone
 * is back within 10 s as the phones saw it (503s with Retry-After allowed: phones back off and
 * retry), no binding is lost, and emergency calls placed during the storm go ahead of the
 * waiting REGISTERs.
 */
class RegistrationStormDrillTest {

    @TempDir
    Path work;

    @Test
    void threeThousandPhonesRegisteringAgainAtOnceAreAllBackWithinTenSecondsAndEmergencyCallsConnect() throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println)
                .run("check", List.of(BuiltInSuite.byName("registration-storm").orElseThrow()));

        System.out.print(SummaryTable.format(report));
        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        assertThat(result.metrics().get(Metrics.STORM_UNREGISTERED)).isZero();
        assertThat(result.metrics().get(Metrics.STORM_BINDINGS_LOST)).isZero();
    }
}
