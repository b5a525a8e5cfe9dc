package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection without a reflector (the field case): wan-total-loss-field passes against the real
 * gateway, and fails, on the figures it claims to measure, against a gateway without the media
 * watch or without the confirmation burst.
 */
class FieldDetectionTest {

    @TempDir
    Path work;

    @Test
    void theFieldScenarioPassesAgainstTheRealGateway() throws Exception {
        ScenarioReport result = run(example());
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
    }

    @Test
    void withoutTheMediaWatchDetectionTakesLongerThanASecond() throws Exception {
        // A late or failed OPTIONS probe is then the first sign: about 1-2 s, not under 1 s.
        FailoverSettings f = example().failover();
        ScenarioReport result = run(example().withFailover(
                f.withConfirmation(Duration.ZERO, f.confirmWindow(), f.confirmInterval())));
        assertFailsOnlyOn(result, "detection", "audio gap", "registration recovery");
    }

    @Test
    void withoutTheConfirmationBurstDetectionWaitsForThreeFailedProbes() throws Exception {
        FailoverSettings f = example().failover();
        ScenarioReport result = run(example().withFailover(
                f.withConfirmation(f.mediaSilence(), Duration.ZERO, f.confirmInterval())));
        assertFailsOnlyOn(result, "detection", "audio gap", "registration recovery");
        assertThat(result.slos()).filteredOn(s -> s.name().equals("detection")).singleElement()
                .satisfies(s -> assertThat(s.pass()).isFalse());
    }

    private static SiteConfig example() throws Exception {
        return SiteConfigLoader.load(Path.of("../examples/site.yaml"));
    }

    private ScenarioReport run(SiteConfig site) {
        DrillReport report = new DrillRunner(site, "field.yaml", work, System.out::println)
                .run("check", List.of(BuiltInSuite.byName("wan-total-loss-field").orElseThrow()));
        System.out.print(SummaryTable.format(report));
        return report.scenarios().get(0);
    }

    /** The drill failed, only on some of {@code slos}, each of them measured (not "not measured"). */
    private static void assertFailsOnlyOn(ScenarioReport result, String... slos) {
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.FAIL);
        List<SloLine> failed = result.slos().stream().filter(s -> !s.pass()).toList();
        assertThat(failed).extracting(SloLine::name).as("%s", result.slos()).isNotEmpty().isSubsetOf(slos);
        assertThat(failed).allSatisfy(s -> assertThat(s.measured()).doesNotContain("not measured"));
    }
}
