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
 * The attack from the security review, as a drill: an outsider floods the gateway's SIP port
 * with ~60,000 OPTIONS without credentials in 12 s. Before admission control and the
 * memory-bounded transaction layer, 50,000 of them filled the transaction table for Timer J's
 * 32 s, the gateway's own WAN probes and trunk REGISTER failed with "transaction table full",
 * both paths went down and the site fell into survival mode. Now the flood is dropped beyond
 * the source's rate, the gateway's own transactions never share a budget with it, and the
 * site's calls go on.
 */
class OptionsFloodDrillTest {

    @TempDir
    Path work;

    @Test
    void aFloodOfOptionsFromAnOutsiderTakesNoPathDownAndCallsGoOn() throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println)
                .run("check", List.of(BuiltInSuite.byName("options-flood").orElseThrow()));

        System.out.print(SummaryTable.format(report));
        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        assertThat(result.metrics().get(Metrics.PATHS_DOWN)).isZero();
        assertThat(result.metrics().get(Metrics.FAILOVERS)).isZero();
    }
}
