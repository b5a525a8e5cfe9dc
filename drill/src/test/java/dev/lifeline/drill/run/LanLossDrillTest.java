package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The internet is up but voice is unusable", with the fault on the site's LAN: the lab phones'
 * LAN segments really drop 5 % of their RTP both ways while the WAN paths stay clean. The
 * gateway must not fail over, and its CallEnded must name the LAN leg (its own verdict, read
 * from its event log). The control run puts the same loss on the WAN path instead: there the
 * drill must fail on "LAN leg named", so the check cannot pass by itself.
 */
class LanLossDrillTest {

    @TempDir
    Path work;

    @Test
    void lossOnTheLanIsBlamedOnTheLanAndNoPathFailsOver() throws Exception {
        ScenarioReport result = run(BuiltInSuite.byName("lan-loss").orElseThrow());

        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        assertThat(result.metrics().get(Metrics.FAILOVERS)).isZero();
        assertThat(result.metrics().get(Metrics.LAN_LEG_NAMED)).isEqualTo(1);
        // The lab really dropped about 5 % on the way to the gateway, and the gateway measured about that.
        assertThat(result.metrics().get(Metrics.LAN_DROPPED_PCT)).isBetween(2.0, 8.0);
        assertThat(result.metrics().get(Metrics.LAN_LEG_LOSS_MAX_PCT)).isBetween(1.5, 8.0);
        assertThat(result.metrics().get(Metrics.WAN_LEG_LOSS_MAX_PCT)).isLessThan(1.0);
        assertThat(result.readingOrGenerated()).contains("the gateway named the LAN leg as losing packets in 1 call");
    }

    @Test
    void theSameLossOnTheWanIsNotBlamedOnTheLanSoTheDrillFails() throws Exception {
        Scenario lan = BuiltInSuite.byName("lan-loss").orElseThrow();
        List<Step> timeline = lan.timeline().stream().map(s -> s.action() instanceof Action.ImpairLan
                ? new Step(s.at(), new Action.Impair("wan1", Action.Impair.Direction.DOWN, java.time.Duration.ZERO,
                        java.time.Duration.ZERO, 5, dev.lifeline.drill.scenario.BurstLoss.NONE, 0))
                : s).toList();
        Scenario onWan = new Scenario(lan.name(), lan.description(), timeline, lan.slos(), lan.settings());

        ScenarioReport result = run(onWan);

        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(r -> !r.pass()).extracting(dev.lifeline.drill.report.SloLine::name)
                .contains("LAN leg named", "WAN leg not named");
        assertThat(result.metrics().get(Metrics.LAN_LEG_NAMED)).isZero();
        assertThat(result.metrics().get(Metrics.WAN_LEG_NAMED)).isEqualTo(1);
    }

    private ScenarioReport run(Scenario scenario) throws Exception {
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println).run("check", List.of(scenario));
        System.out.print(SummaryTable.format(report));
        System.out.println(report.scenarios().get(0).metrics());
        System.out.println(report.scenarios().get(0).readingOrGenerated());
        return report.scenarios().get(0);
    }
}
