package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.gateway.GatewayPlugins;
import dev.lifeline.gateway.config.DialPlan;
import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.NoTrunkPolicy;
import dev.lifeline.gateway.config.ResolverSettings;
import dev.lifeline.gateway.config.SignallingSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.registrar.location.MemoryLocationStore;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.gateway.routing.MediaAddresses;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.transport.Target;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each built-in scenario against a gateway configured (or built) to misbehave: the drill must
 * fail, and on the figure it claims to measure — the drills catch what they claim to catch.
 * ({@code cert-expired}'s is in {@link CertExpiredDrillTest}.)
 */
class MisbehavingGatewayTest {

    @TempDir
    Path work;

    /** Probes that never judge a path or target down: the gateway stays where it is. */
    @ParameterizedTest
    @CsvSource({
        "wan-total-loss, detection",
        "sip-port-blocked, detection",
        "provider-target-down, registration on next target",
        "inbound-during-failover, registration recovery"})
    void withDetectionOffTheDrillFailsOnTheFigureItMeasures(String scenario, String slo) throws Exception {
        FailoverSettings f = example().failover();
        FailoverSettings off = new FailoverSettings(f.probeInterval(), f.probeTimeout(), Duration.ofHours(1), 100, 0,
                Duration.ofHours(1), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(), f.switchWindow());
        assertFailsOn(run(example().withFailover(off), GatewayPlugins.DEFAULT, scenario), slo);
    }

    @Test
    void withNoQualityFloorWanDegradationFails() throws Exception {
        FailoverSettings f = example().failover();
        FailoverSettings noFloor = new FailoverSettings(f.probeInterval(), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), 0, f.floorWindow(), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(),
                f.switchWindow(), f.reflector());
        assertFailsOn(run(example().withFailover(noFloor), GatewayPlugins.DEFAULT, "wan-degradation"),
                "failover on quality");
    }

    @Test
    void withProviderMediaLeavingByTheLanAddressLossAudioQualityFails() throws Exception {
        // The relay anchors the provider leg on the LAN address, not the active path's: the path's
        // NAT never sees that audio, so what the phone hears has nothing to do with the path's loss.
        GatewayPlugins wrongInterface = GatewayPlugins.DEFAULT.withCalls(GatewayPlugins.liveCalls(
                context -> MediaAddresses.fixed(InetAddress.getLoopbackAddress())));
        assertFailsOn(run(example(), wrongInterface, "loss-audio-quality"), "MOS-CQE against G.107");
    }

    @Test
    void withoutServeStaleDnsFailureFails() throws Exception {
        // maxStale 0: once the secondary's resolver is silent its cached answers are gone, and the
        // failover to it cannot locate the provider. The trunk stays on the dead path's route: it
        // never registers over wan2, and the last calls fail or hang until wan1 comes back.
        ResolverSettings d = example().dns();
        ScenarioReport result = run(example().withDns(new ResolverSettings(d.queryTimeout(), d.attempts(),
                Duration.ZERO)), GatewayPlugins.DEFAULT, "dns-failure");
        assertFailsOnlyOn(result, "registration recovery", "calls failed", "calls completed", "call setup p95");
    }

    @Test
    void withKeepalivesRarerThanTheNatTimeoutNatTimeoutFails() throws Exception {
        // OPTIONS to the provider once an hour: nothing refreshes the NAT's mapping of the SIP port,
        // and no answer shows the gateway that the NAT moved it.
        FailoverSettings f = example().failover();
        FailoverSettings rare = new FailoverSettings(Duration.ofHours(1), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), f.rFloor(), f.floorWindow(), f.holdDown(), f.preemptiveFailback(),
                f.maxSwitches(), f.switchWindow(), f.reflector());
        assertFailsOn(run(example().withFailover(rare), GatewayPlugins.DEFAULT, "nat-timeout"), "inbound delivered");
    }

    @Test
    void withoutRefreshingCallsAfterANatRemapNatTimeoutFails() throws Exception {
        // The trunk re-registers on the new mapping, but the call that was up is not re-INVITEd:
        // the provider's BYE goes to the mapping that is gone and the phone keeps a ghost call.
        GatewayPlugins noRefresh = GatewayPlugins.DEFAULT.withCalls((context, trunks) ->
                new WithoutRefresh(GatewayPlugins.DEFAULT.calls().create(context, trunks)));
        assertFailsOn(run(example(), noRefresh, "nat-timeout"), "provider hang-ups lost");
    }

    @Test
    void withALocationStoreThatForgetsRebootStormFails() throws Exception {
        // Bindings kept in memory only: a restart loses every phone until it registers again.
        GatewayPlugins forgetful = GatewayPlugins.DEFAULT.withLocations(
                (database, events, now) -> new MemoryLocationStore(events));
        assertFailsOn(run(example(), forgetful, "reboot-storm"), "bindings lost");
    }

    @Test
    void withInvitesWaitingTheFullTimerBProviderTargetDownFails() throws Exception {
        // A silent target is left only after Timer B (32 s): the call placed before the OPTIONS
        // probes notice waits that long.
        SignallingSettings s = example().signalling();
        SiteConfig slow = example().withSignalling(new SignallingSettings(s.dscp(), s.timers(),
                s.timers().transactionTimeout()));
        assertFailsOnlyOn(run(slow, GatewayPlugins.DEFAULT, "provider-target-down"), "call setup p95", "calls failed");
    }

    @Test
    void withoutAnEmergencyFallbackLocalSurvivabilityFails() throws Exception {
        DialPlan d = example().dialPlan();
        SiteConfig noFallback = example().withDialPlan(new DialPlan(d.internal(), d.emergency(), d.outbound(),
                NoTrunkPolicy.NONE));
        assertFailsOn(run(noFallback, GatewayPlugins.DEFAULT, "local-survivability"), "emergency call connected");
    }

    private static SiteConfig example() throws Exception {
        return SiteConfigLoader.load(Path.of("../examples/site.yaml"));
    }

    private ScenarioReport run(SiteConfig site, GatewayPlugins gateway, String scenario) {
        DrillReport report = new DrillRunner(site, "misbehaving.yaml", work, System.out::println).withGateway(gateway)
                .run("check", List.of(BuiltInSuite.byName(scenario).orElseThrow()));
        System.out.print(SummaryTable.format(report));
        return report.scenarios().get(0);
    }

    /** The drill failed, and {@code slo} is among what failed. */
    private static void assertFailsOn(ScenarioReport result, String slo) {
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).as("%s", result.slos()).filteredOn(s -> s.name().equals(slo)).singleElement()
                .satisfies(s -> assertThat(s.pass()).isFalse());
    }

    /** The drill failed, only on some of {@code slos} (which of them breaks first is a matter of timing). */
    private static void assertFailsOnlyOn(ScenarioReport result, String... slos) {
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(s -> !s.pass()).extracting(SloLine::name).isNotEmpty()
                .isSubsetOf(slos);
    }

    /** The production call handler, except that a NAT re-map does not re-INVITE the calls that are up. */
    private record WithoutRefresh(CallHandler live) implements CallHandler {

        @Override
        public void onInvite(ServerRequest invite, Caller caller) {
            live.onInvite(invite, caller);
        }

        @Override
        public boolean onInDialog(ServerRequest request) {
            return live.onInDialog(request);
        }

        @Override
        public void moveTrunkCalls(String trunk, Target target, InetAddress media, Instant since) {
            live.moveTrunkCalls(trunk, target, media, since);
        }

        @Override
        public List<CallInfo> activeCalls() {
            return live.activeCalls();
        }

        @Override
        public void close() {
            live.close();
        }
    }
}
