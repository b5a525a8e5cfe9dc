package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportHtml;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.gateway.GatewayPlugins;
import dev.lifeline.gateway.config.DialPlan;
import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.NoTrunkPolicy;
import dev.lifeline.gateway.config.ResolverSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.registrar.location.MemoryLocationStore;
import dev.lifeline.gateway.routing.MediaAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drills against the real gateway in the lab, on the example site: the quick suite passes,
 * and the same scenarios fail when the gateway is configured to misbehave — the drills catch
 * what they claim to catch.
 */
class DrillSuiteTest {

    @TempDir
    Path work;

    private static SiteConfig example() throws Exception {
        return SiteConfigLoader.load(Path.of("../examples/site.yaml"));
    }

    @Test
    void theQuickSuitePassesAgainstTheExampleSite() throws Exception {
        DrillReport report = new DrillRunner(example(), "examples/site.yaml", work, System.out::println)
                .run("quick", BuiltInSuite.quick());
        System.out.print(SummaryTable.format(report));

        Path json = ReportJson.write(report, work.resolve("out"));
        Path html = ReportHtml.write(report, work.resolve("out"));
        assertThat(Files.readString(json)).contains("\"suite\" : \"quick\"", "\"detection_s\"");
        assertThat(Files.readString(html)).contains("<svg");
        assertThat(report.scenarios()).allSatisfy(s -> assertThat(s.verdict())
                .as("%s: %s %s", s.name(), s.slos(), s.error().orElse("")).isEqualTo(Verdict.PASS));
        // The SLOs hold the figures (detection <= 1 s, registration <= 2 s, audio gap <= 1.5 s);
        // that they were measured at all is checked here.
        ScenarioReport loss = report.scenario("wan-total-loss").orElseThrow();
        assertThat(loss.metrics()).containsKeys("detection_s", "registration_recovery_s", "audio_gap_s");
    }

    @Test
    void withFailoverEffectivelyOffWanTotalLossFails() throws Exception {
        SiteConfig site = example();
        FailoverSettings f = site.failover();
        // Probes that never judge a path down: the gateway stays on the dead primary.
        FailoverSettings off = new FailoverSettings(f.probeInterval(), f.probeTimeout(), Duration.ofHours(1), 100, 0,
                Duration.ofHours(1), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(), f.switchWindow());
        SiteConfig broken = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), site.dialPlan(), site.paths(), off, site.registrar(), site.security(), site.storage(),
                site.admin(), site.media(), site.signalling(), site.dns());

        DrillReport report = new DrillRunner(broken, "failover-off.yaml", work, System.out::println)
                .run("check", List.of(scenario("wan-total-loss")));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(s -> s.name().equals("detection")).singleElement()
                .satisfies(s -> assertThat(s.pass()).isFalse());
    }

    @Test
    void withoutAnEmergencyFallbackLocalSurvivabilityFails() throws Exception {
        SiteConfig site = example();
        DialPlan d = site.dialPlan();
        SiteConfig broken = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), new DialPlan(d.internal(), d.emergency(), d.outbound(), NoTrunkPolicy.NONE), site.paths(),
                site.failover(), site.registrar(), site.security(), site.storage(), site.admin(), site.media(),
                site.signalling(), site.dns());

        DrillReport report = new DrillRunner(broken, "no-emergency-fallback.yaml", work, System.out::println)
                .run("check", List.of(scenario("local-survivability")));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(s -> s.name().equals("emergency call connected")).singleElement()
                .satisfies(s -> assertThat(s.pass()).isFalse());
    }

    /** Probes that never judge a path or target down: the gateway stays where it is. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "sip-port-blocked, detection",
        "provider-target-down, registration on next target",
        "inbound-during-failover, registration recovery"})
    void withDetectionOffTheDrillFailsOnTheFigureItMeasures(String name, String slo) throws Exception {
        SiteConfig site = example();
        FailoverSettings f = site.failover();
        FailoverSettings off = new FailoverSettings(f.probeInterval(), f.probeTimeout(), Duration.ofHours(1), 100, 0,
                Duration.ofHours(1), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(), f.switchWindow());
        assertFailsOn(withFailover(site, off), name, slo);
    }

    @Test
    void withNoQualityFloorWanDegradationFails() throws Exception {
        SiteConfig site = example();
        FailoverSettings f = site.failover();
        FailoverSettings noFloor = new FailoverSettings(f.probeInterval(), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), 0, f.floorWindow(), f.holdDown(), f.preemptiveFailback(), f.maxSwitches(),
                f.switchWindow(), f.reflector());
        assertFailsOn(withFailover(site, noFloor), "wan-degradation", "failover on quality");
    }

    @Test
    void withALocationStoreThatForgetsRebootStormFails() throws Exception {
        // Bindings kept in memory only: a restart loses every phone until it registers again.
        GatewayPlugins forgetful = GatewayPlugins.DEFAULT.withLocations(
                (database, events, now) -> new MemoryLocationStore(events));
        DrillReport report = new DrillRunner(example(), "forgetful.yaml", work, System.out::println)
                .withGateway(forgetful).run("check", List.of(scenario("reboot-storm")));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as(result.slos().toString()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(x -> x.name().equals("bindings lost")).singleElement()
                .satisfies(x -> assertThat(x.pass()).isFalse());
    }

    @Test
    void withKeepalivesRarerThanTheNatTimeoutNatTimeoutFails() throws Exception {
        SiteConfig site = example();
        FailoverSettings f = site.failover();
        // OPTIONS to the provider once an hour: nothing refreshes the NAT's mapping of the SIP port,
        // and no answer shows the gateway that the NAT moved it.
        FailoverSettings rare = new FailoverSettings(Duration.ofHours(1), f.probeTimeout(), f.silenceWindow(),
                f.optionsFailuresToDown(), f.rFloor(), f.floorWindow(), f.holdDown(), f.preemptiveFailback(),
                f.maxSwitches(), f.switchWindow(), f.reflector());
        assertFailsOn(withFailover(site, rare), "nat-timeout", "inbound delivered");
    }

    @Test
    void dnsFailurePassesWithServeStaleAndFailsWithout() throws Exception {
        SiteConfig site = example();
        DrillReport report = new DrillRunner(site, "examples/site.yaml", work, System.out::println)
                .run("check", List.of(scenario("dns-failure")));
        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.PASS);

        // maxStale 0: once the secondary's resolver is silent its cached answers are gone, and the
        // failover to it cannot locate the provider.
        SiteConfig noStale = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), site.dialPlan(), site.paths(), site.failover(), site.registrar(), site.security(),
                site.storage(), site.admin(), site.media(), site.signalling(),
                new ResolverSettings(site.dns().queryTimeout(), site.dns().attempts(), Duration.ZERO));
        DrillReport broken = new DrillRunner(noStale, "no-serve-stale.yaml", work, System.out::println)
                .run("check", List.of(scenario("dns-failure")));
        System.out.print(SummaryTable.format(broken));
        ScenarioReport failed = broken.scenarios().get(0);
        // The trunk stays on the dead path's route: it never registers over wan2, and the last
        // calls fail or hang until wan1 comes back (which call figure breaks is a matter of timing).
        assertThat(failed.verdict()).as("%s", failed.slos()).isEqualTo(Verdict.FAIL);
        assertThat(failed.slos()).filteredOn(x -> !x.pass()).extracting(x -> x.name())
                .isNotEmpty().isSubsetOf("calls failed", "calls completed", "call setup p95", "registration recovery");
    }

    @Test
    void withProviderMediaLeavingByTheLanAddressLossAudioQualityFails() throws Exception {
        // The relay anchors the provider leg on the LAN address, not the active path's: the path's
        // NAT never sees that audio, so what the phone hears has nothing to do with the path's loss.
        GatewayPlugins wrongInterface = GatewayPlugins.DEFAULT.withCalls(GatewayPlugins.liveCalls(
                context -> MediaAddresses.fixed(java.net.InetAddress.getLoopbackAddress())));
        DrillReport report = new DrillRunner(example(), "media-on-lan.yaml", work, System.out::println)
                .withGateway(wrongInterface).run("check", List.of(scenario("loss-audio-quality")));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(x -> x.name().equals("MOS against G.107")).singleElement()
                .satisfies(x -> assertThat(x.pass()).isFalse());
    }

    @Test
    void withInvitesWaitingTheFullTimerBProviderTargetDownFails() throws Exception {
        // A silent target is left only after Timer B (32 s): the call placed before the OPTIONS
        // probes notice waits that long.
        SiteConfig site = example();
        var slow = new dev.lifeline.gateway.config.SignallingSettings(site.signalling().dscp(),
                site.signalling().timers(), site.signalling().timers().transactionTimeout());
        SiteConfig broken = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), site.dialPlan(), site.paths(), site.failover(), site.registrar(), site.security(),
                site.storage(), site.admin(), site.media(), slow, site.dns());
        DrillReport report = new DrillRunner(broken, "timer-b.yaml", work, System.out::println)
                .run("check", List.of(scenario("provider-target-down")));
        System.out.print(SummaryTable.format(report));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as("%s", result.slos()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(x -> !x.pass()).extracting(x -> x.name())
                .isNotEmpty().isSubsetOf("call setup p95", "calls failed");
    }

    @Test
    void withoutRefreshingCallsAfterANatRemapNatTimeoutFails() throws Exception {
        // The trunk re-registers on the new mapping, but the call that was up is not re-INVITEd:
        // the provider's BYE goes to the mapping that is gone and the phone keeps a ghost call.
        GatewayPlugins noRefresh = GatewayPlugins.DEFAULT.withCalls((context, trunks) -> {
            dev.lifeline.gateway.routing.CallHandler live = GatewayPlugins.DEFAULT.calls().create(context, trunks);
            return new dev.lifeline.gateway.routing.CallHandler() {
                @Override
                public void onInvite(dev.lifeline.sip.stack.ServerRequest invite,
                                     dev.lifeline.gateway.routing.Caller caller) {
                    live.onInvite(invite, caller);
                }

                @Override
                public boolean onInDialog(dev.lifeline.sip.stack.ServerRequest request) {
                    return live.onInDialog(request);
                }

                @Override
                public void moveTrunkCalls(String trunk, dev.lifeline.sip.transport.Target target,
                                           java.net.InetAddress media, java.time.Instant since) {
                    live.moveTrunkCalls(trunk, target, media, since);
                }

                @Override
                public List<dev.lifeline.gateway.routing.CallInfo> activeCalls() {
                    return live.activeCalls();
                }

                @Override
                public void close() {
                    live.close();
                }
            };
        });
        DrillReport report = new DrillRunner(example(), "no-call-refresh.yaml", work, System.out::println)
                .withGateway(noRefresh).run("check", List.of(scenario("nat-timeout")));
        System.out.print(SummaryTable.format(report));

        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as("%s", result.slos()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).filteredOn(x -> x.name().equals("provider hang-ups lost")).singleElement()
                .satisfies(x -> assertThat(x.pass()).isFalse());
    }

    private void assertFailsOn(SiteConfig site, String scenario, String slo) {
        DrillReport report = new DrillRunner(site, "misbehaving.yaml", work, System.out::println)
                .run("check", List.of(scenario(scenario)));
        System.out.print(SummaryTable.format(report));
        ScenarioReport result = report.scenarios().get(0);
        assertThat(result.verdict()).as(result.slos().toString()).isEqualTo(Verdict.FAIL);
        assertThat(result.slos()).as("%s", result.slos()).filteredOn(s -> s.name().equals(slo)).singleElement()
                .satisfies(s -> assertThat(s.pass()).isFalse());
    }

    private static SiteConfig withFailover(SiteConfig site, FailoverSettings failover) {
        return new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(), site.trunks(),
                site.dialPlan(), site.paths(), failover, site.registrar(), site.security(), site.storage(), site.admin(),
                site.media(), site.signalling(), site.dns());
    }

    private static Scenario scenario(String name) {
        return BuiltInSuite.byName(name).orElseThrow();
    }
}
