package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.DrillAssertions.assertFailsOnlyOn;
import static dev.lifeline.drill.run.DrillAssertions.on;
import static dev.lifeline.drill.run.DrillAssertions.orNotMeasured;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
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
 * fail, and only on the figures the fault touches — the drills catch what they claim to catch.
 * A figure that fails as "not measured" counts only where the test says the fault leaves nothing
 * to measure (e.g. no packet over the other path when the gateway never notices the cut).
 * ({@code cert-expired}'s is in {@link CertExpiredDrillTest}.)
 */
class MisbehavingGatewayTest {

    @TempDir
    Path work;

    /**
     * Probes that never judge a path or target down: the gateway stays where it is. The SLOs
     * each scenario may fail on, '|'-separated; a trailing '?' means it may fail as not measured.
     */
    @ParameterizedTest
    @CsvSource({
        "wan-total-loss, detection? | registration recovery? | audio gap | calls dropped | failback?",
        "sip-port-blocked, detection? | a failover took place | inbound delivered | calls failed",
        "provider-target-down, registration on next target? | calls failed | call setup p95 | calls dropped",
        "inbound-during-failover, inbound delivered | registration recovery? | audio gap | calls dropped"
                + " | caller ID wrong"})
    void withDetectionOffTheDrillFailsOnTheFiguresItMeasures(String scenario, String slos) throws Exception {
        FailoverSettings f = example().failover();
        // Every sign off: quality silence, OPTIONS counts, the R floor, and the media watch with its
        // confirmation burst (no suspicion is raised without a burst to confirm it).
        FailoverSettings off = new FailoverSettings(f.probeInterval(), f.probeTimeout(), Duration.ofHours(1), 100, 0,
                Duration.ofHours(1), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(), f.switchWindow())
                .withConfirmation(Duration.ZERO, Duration.ZERO, f.confirmInterval());
        assertFailsOnlyOn(run(example().withFailover(off), GatewayPlugins.DEFAULT, scenario), failing(slos));
    }

    private static DrillAssertions.Failing[] failing(String slos) {
        return java.util.Arrays.stream(slos.split("\\|")).map(String::strip)
                .map(n -> n.endsWith("?") ? orNotMeasured(n.substring(0, n.length() - 1).strip()) : on(n))
                .toArray(DrillAssertions.Failing[]::new);
    }

    @Test
    void withNoQualityFloorWanDegradationFails() throws Exception {
        FailoverSettings f = example().failover();
        FailoverSettings noFloor = new FailoverSettings(f.probeInterval(), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), 0, f.floorWindow(), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(),
                f.switchWindow(), f.reflector());
        // No failover at all: nothing to time, and no "after the failover" to rate.
        assertFailsOnlyOn(run(example().withFailover(noFloor), GatewayPlugins.DEFAULT, "wan-degradation"),
                orNotMeasured("failover on quality"), orNotMeasured("MOS after the failover"), on("calls dropped"));
    }

    @Test
    void withProviderMediaLeavingByTheLanAddressLossAudioQualityFails() throws Exception {
        // The relay anchors the provider leg on the LAN address, not the active path's: the path's
        // NAT never sees that audio, so what the phone hears has nothing to do with the path's loss.
        GatewayPlugins wrongInterface = GatewayPlugins.DEFAULT.withCalls(GatewayPlugins.liveCalls(
                context -> MediaAddresses.fixed(InetAddress.getLoopbackAddress())));
        assertFailsOnlyOn(run(example(), wrongInterface, "loss-audio-quality"), on("MOS-CQE against G.107"),
                on("calls dropped"));
    }

    @Test
    void withoutServeStaleDnsFailureFails() throws Exception {
        // maxStale 0: once the secondary's resolver is silent its cached answers are gone, and the
        // failover to it cannot locate the provider. The trunk stays on the dead path's route: it
        // never registers over wan2, and the last calls fail or hang until wan1 comes back.
        ResolverSettings d = example().dns();
        ScenarioReport result = run(example().withDns(new ResolverSettings(d.queryTimeout(), d.attempts(),
                Duration.ZERO)), GatewayPlugins.DEFAULT, "dns-failure");
        assertFailsOnlyOn(result, orNotMeasured("registration recovery"), on("calls failed"), on("calls completed"),
                on("call setup p95"));
    }

    @Test
    void withKeepalivesRarerThanTheNatTimeoutNatTimeoutFails() throws Exception {
        // OPTIONS to the provider once an hour: nothing refreshes the NAT's mapping of the SIP port,
        // and no answer shows the gateway that the NAT moved it.
        FailoverSettings f = example().failover();
        FailoverSettings rare = new FailoverSettings(Duration.ofHours(1), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), f.rFloor(), f.floorWindow(), f.holdDown(), f.preemptiveFailback(),
                f.maxSwitches(), f.switchWindow(), f.reflector());
        assertFailsOnlyOn(run(example().withFailover(rare), GatewayPlugins.DEFAULT, "nat-timeout"),
                on("inbound delivered"), on("one-way audio"), on("provider hang-ups lost"));
    }

    @Test
    void withoutRefreshingCallsAfterANatRemapNatTimeoutFails() throws Exception {
        // The trunk re-registers on the new mapping, but the call that was up is not re-INVITEd:
        // the provider's BYE goes to the mapping that is gone and the phone keeps a ghost call.
        GatewayPlugins noRefresh = GatewayPlugins.DEFAULT.withCalls((context, trunks) ->
                new WithoutRefresh(GatewayPlugins.DEFAULT.calls().create(context, trunks)));
        assertFailsOnlyOn(run(example(), noRefresh, "nat-timeout"), on("provider hang-ups lost"), on("one-way audio"));
    }

    @Test
    void withALocationStoreThatForgetsRebootStormFails() throws Exception {
        // Bindings kept in memory only: a restart loses every phone until it registers again.
        GatewayPlugins forgetful = GatewayPlugins.DEFAULT.withLocations(
                (database, events, now) -> new MemoryLocationStore(events));
        assertFailsOnlyOn(run(example(), forgetful, "reboot-storm"), on("bindings lost"));
    }

    @Test
    void withInvitesWaitingTheFullTimerBProviderTargetDownFails() throws Exception {
        // A silent target is left only after Timer B (32 s): the call placed before the OPTIONS
        // probes notice waits that long.
        SignallingSettings s = example().signalling();
        SiteConfig slow = example().withSignalling(new SignallingSettings(s.dscp(), s.timers(),
                s.timers().transactionTimeout()));
        assertFailsOnlyOn(run(slow, GatewayPlugins.DEFAULT, "provider-target-down"), on("call setup p95"),
                on("calls failed"));
    }

    @Test
    void withoutAnEmergencyFallbackLocalSurvivabilityFails() throws Exception {
        DialPlan d = example().dialPlan();
        SiteConfig noFallback = example().withDialPlan(new DialPlan(d.internal(), d.emergency(), d.outbound(),
                NoTrunkPolicy.NONE));
        assertFailsOnlyOn(run(noFallback, GatewayPlugins.DEFAULT, "local-survivability"), on("emergency call connected"));
    }

    @Test
    void withCallsHungUpInsteadOfMovedInboundDuringFailoverFails() throws Exception {
        // The failover happens and the trunk follows, but the calls on the provider are ended
        // cleanly rather than moved: a gateway that "survives" the outage by dropping the call.
        GatewayPlugins dropping = GatewayPlugins.DEFAULT.withCalls((context, trunks) ->
                new HangingUpAtFailover(GatewayPlugins.DEFAULT.calls().create(context, trunks)));
        assertFailsOnlyOn(run(example(), dropping, "inbound-during-failover"), on("calls dropped"), on("audio gap"));
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

    /** The production call handler, except that a NAT re-map does not re-INVITE the calls that are up. */
    private static final class WithoutRefresh extends ForwardingCallHandler {
        WithoutRefresh(CallHandler live) {
            super(live);
        }

        @Override
        public void refreshTrunkCalls(String trunk, String why) {
        }
    }

    /** The production call handler, except that a path change hangs up the trunk's calls instead of moving them. */
    private static final class HangingUpAtFailover extends ForwardingCallHandler {
        HangingUpAtFailover(CallHandler live) {
            super(live);
        }

        @Override
        public void moveTrunkCalls(String trunk, Target target, InetAddress media, Instant since) {
            live.endTrunkCalls(trunk, "path changed; the call was not moved");
        }
    }
}
