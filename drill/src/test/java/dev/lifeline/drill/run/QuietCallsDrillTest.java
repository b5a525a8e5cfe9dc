package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.DrillAssertions.assertFailsOnlyOn;
import static dev.lifeline.drill.run.DrillAssertions.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.GatewayPlugins;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.TrunkCallMedia;
import dev.lifeline.media.relay.LegActivity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wan-quiet-field: a held call and a call with a comfort-noise far end on a clean path, no
 * reflector. Against the real gateway no path is suspected and the held call comes back with
 * audio; against a gateway whose media watch counts held and comfort-noise calls as calls that
 * should be heard, the drill fails on the suspicions the WAN emulator saw — "no failover" alone
 * would not catch it, since the confirmation burst is answered and the path stays up.
 */
class QuietCallsDrillTest {

    @TempDir
    Path work;

    @Test
    void noSuspicionFromAHeldOrQuietCallAgainstTheRealGateway() throws Exception {
        ScenarioReport result = run(GatewayPlugins.DEFAULT);

        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);
        // The hold really was one: the far end stopped sending while held (a few packets in flight aside).
        assertThat(result.metrics()).containsEntry(Metrics.HELD_CALLS, 1.0);
        assertThat(result.metrics().get(Metrics.HELD_AUDIO_PACKETS)).isLessThan(10);
    }

    @Test
    void aMediaWatchThatCountsHeldAndQuietCallsFailsOnSuspicions() throws Exception {
        GatewayPlugins misbehaving = GatewayPlugins.DEFAULT.withCalls((context, trunks) ->
                new WatchingEveryCall(GatewayPlugins.DEFAULT.calls().create(context, trunks)));

        ScenarioReport result = run(misbehaving);

        assertFailsOnlyOn(result, on("suspicions"), on("suspicions (the gateway's word)"));
        assertThat(result.metrics().get(Metrics.SUSPICIONS)).as("bursts the WAN emulator saw").isPositive();
    }

    private static SiteConfig example() throws Exception {
        return SiteConfigLoader.load(Path.of("../examples/site.yaml"));
    }

    private ScenarioReport run(GatewayPlugins gateway) throws Exception {
        DrillReport report = new DrillRunner(example(), "quiet.yaml", work, System.out::println).withGateway(gateway)
                .run("check", List.of(BuiltInSuite.byName("wan-quiet-field").orElseThrow()));
        System.out.print(SummaryTable.format(report));
        System.out.println("metrics (wan-quiet-field): " + report.scenarios().get(0).metrics());
        report.scenarios().get(0).events().stream().limit(40).forEach(e -> System.out.println("  event " + e));
        return report.scenarios().get(0);
    }

    /**
     * The production call handler, except that it tells the media watch every provider leg should
     * be heard: held calls (the provider answered recvonly) and calls whose far end sends comfort
     * noise count as if the provider were talking.
     */
    private static final class WatchingEveryCall extends ForwardingCallHandler {
        WatchingEveryCall(CallHandler live) {
            super(live);
        }

        @Override
        public CompletionStage<List<TrunkCallMedia>> trunkCallMedia() {
            return live.trunkCallMedia().thenApply(all -> all.stream()
                    .map(m -> new TrunkCallMedia(m.local(), new LegActivity(m.provider().packets(),
                            m.provider().lastArrival(), false), m.phone(), true))
                    .toList());
        }
    }
}
