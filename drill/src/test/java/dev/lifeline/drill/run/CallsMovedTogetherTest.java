package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.BurstLoss;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Slo;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several calls moved to the other path at once while the old path still delivers audio late
 * (delay and jitter): the firewall on wan1 starts dropping SIP, RTP keeps crossing it 150 ms ±
 * 40 ms late, and three answered calls are re-INVITEd onto wan2 together. Every call must hear
 * the far end again within moments of its move. A late packet from the old path arriving after
 * the re-INVITE's answer used to latch the provider leg back onto wan1, and that call stayed
 * silent to its end (issue: wan-degradation's "one call hears nothing after the failover").
 */
class CallsMovedTogetherTest {

    @TempDir
    Path work;

    @Test
    void threeCallsMovedAtOnceUnderDelayAndJitterAllHearAudioAgain() throws Exception {
        Scenario scenario = new Scenario("calls-move-together",
                "Three calls up; wan1 delays 150 ms ± 40 ms both ways, then drops SIP only: all three calls are "
                        + "moved to wan2 at once and each hears the far end again.",
                List.of(
                        new Step(Duration.ZERO, new Action.PlaceCalls(List.of("1001", "1002", "1003"),
                                BuiltInSuite.EXTERNAL, 3, Duration.ofSeconds(16), 3)),
                        new Step(Duration.ofSeconds(1), new Action.Impair(BuiltInSuite.PRIMARY,
                                Action.Impair.Direction.BOTH, Duration.ofMillis(150), Duration.ofMillis(40), 0,
                                BurstLoss.NONE, 0)),
                        new Step(Duration.ofSeconds(3), new Action.BlockSip(BuiltInSuite.PRIMARY)),
                        new Step(Duration.ofSeconds(14), new Action.Restore(BuiltInSuite.PRIMARY))),
                List.of(
                        Slo.equalTo("calls dropped", Metrics.CALLS_DROPPED, 0, "calls"),
                        Slo.atLeast("calls completed", Metrics.CALLS_COMPLETED, 3, "calls"),
                        // The path goes down on 3 failed OPTIONS (about 4 s); what matters here is
                        // that no call stays silent after its move, which would be a gap of 7 s or more.
                        Slo.atMost("audio gap", Metrics.AUDIO_GAP_S, 2, "s"),
                        Slo.atLeast("MOS after the failover", Metrics.MOS_AFTER_FAILOVER, 3.6, "MOS")),
                Map.of());

        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work, System.out::println).run("check", List.of(scenario));
        System.out.print(SummaryTable.format(report));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.metrics().get(Metrics.FAILOVERS)).as("%s", result.metrics()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
    }
}
