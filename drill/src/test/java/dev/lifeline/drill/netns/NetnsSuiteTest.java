package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Slo;
import dev.lifeline.drill.scenario.Step;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetnsSuiteTest {

    @Test
    void quickRunsTotalLossByLinkDownAndTheSilentCutByAnNftDrop() {
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name, NetnsScenario::fault).containsExactly(
                org.assertj.core.groups.Tuple.tuple("wan-total-loss", KernelFault.LINK_DOWN),
                org.assertj.core.groups.Tuple.tuple("wan-total-loss-field", KernelFault.SILENT_CUT),
                org.assertj.core.groups.Tuple.tuple("wan-loss-idle-field", KernelFault.SILENT_CUT));
    }

    @Test
    void theSloTargetsAreTheBuiltInOnesAndWhatNeedsAPhoneIsListedAsLeftOut() {
        NetnsScenario s = NetnsSuite.byName("wan-total-loss").orElseThrow();
        var builtIn = BuiltInSuite.byName("wan-total-loss").orElseThrow();

        assertThat(s.scenario().slos()).isEqualTo(builtIn.slos());   // one call from one phone: every SLO applies
        assertThat(s.left()).isEmpty();
        assertThat(s.scenario().timeline()).anyMatch(step -> step.action() instanceof Action.PlaceCalls);
        assertThat(s.scenario().length()).as("observed as long as the built-in timeline").isEqualTo(builtIn.length());
        assertThat(s.scenario().faultAtOrBefore(java.time.Duration.ofSeconds(3))).isPresent();
    }

    @Test
    void stepsAndSlosTheLabCannotCarryOutAreListedNotSilentlyDropped() {
        var builtIn = BuiltInSuite.byName("wan-degradation").orElseThrow();   // two phones, impairments, MOS

        NetnsScenario s = NetnsSuite.adapt(builtIn, KernelFault.SILENT_CUT);

        assertThat(s.left()).anyMatch(l -> l.startsWith("step at 0.0 s")).anyMatch(l -> l.startsWith("SLO MOS after the failover"));
        assertThat(s.scenario().slos()).extracting(Slo::metric).doesNotContain("mos_after_failover");
    }

    @Test
    void theFullSuiteAddsInboundDuringFailoverByASilentCutWithEveryBuiltInSloKept() {
        assertThat(NetnsSuite.full()).extracting(NetnsScenario::name).startsWith("wan-total-loss", "wan-total-loss-field",
                "wan-loss-idle-field").contains("inbound-during-failover");
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name).doesNotContain("inbound-during-failover");

        NetnsScenario s = NetnsSuite.byName("inbound-during-failover").orElseThrow();
        var builtIn = BuiltInSuite.byName("inbound-during-failover").orElseThrow();

        assertThat(s.fault()).isEqualTo(KernelFault.SILENT_CUT);
        assertThat(s.scenario().slos()).as("same SLOs, same targets").isEqualTo(builtIn.slos());
        assertThat(s.left()).isEmpty();
        assertThat(s.scenario().timeline()).filteredOn(step -> step.action() instanceof Action.InboundCalls).hasSize(3);
        assertThat(s.scenario().length()).isEqualTo(builtIn.length());
    }

    @Test
    void scenariosThatPlaceSeveralCallsAtOnceOrEmergencyCallsStayInProcessAndSaySo() {
        assertThat(NetnsSuite.byName("local-survivability")).isEmpty();
        assertThat(NetnsSuite.inProcessOnly().get("local-survivability")).contains("calls at once");
        assertThat(NetnsSuite.inProcessOnly()).doesNotContainKey("inbound-during-failover");
    }

    @Test
    void theFullSuiteAddsRandomLossWithAHiccupAndASipOnlyFirewall() {
        assertThat(NetnsSuite.full()).extracting(NetnsScenario::name).contains("wan-noise-field", "sip-port-blocked");
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name).doesNotContain("wan-noise-field", "sip-port-blocked");
    }

    @Test
    void wanNoiseFieldKeepsItsLossItsHiccupItsCallAndBothSlos() {
        NetnsScenario s = NetnsSuite.byName("wan-noise-field").orElseThrow();
        var builtIn = BuiltInSuite.byName("wan-noise-field").orElseThrow();

        assertThat(s.left()).isEmpty();
        assertThat(s.scenario().slos()).isEqualTo(builtIn.slos());
        assertThat(s.scenario().timeline()).extracting(step -> step.action().kind())
                .containsSubsequence("placeCalls", "impair", "restore", "blackhole", "restore");
        assertThat(s.fault()).isEqualTo(KernelFault.SILENT_CUT);   // the hiccup is the field's silent cut
    }

    @Test
    void sipPortBlockedKeepsTheBlockItsCallsAndDetectionAndListsWhatItCannotObserve() {
        NetnsScenario s = NetnsSuite.byName("sip-port-blocked").orElseThrow();

        assertThat(s.scenario().timeline()).anyMatch(step -> step.action() instanceof Action.BlockSip)
                .anyMatch(step -> step.action() instanceof Action.Restore)
                .anyMatch(step -> step.action() instanceof Action.InboundCalls);
        assertThat(s.scenario().slos()).extracting(Slo::metric).contains("detection_s", "inbound_delivered")
                .doesNotContain("failovers_without_reason");
        assertThat(s.left()).singleElement().asString().startsWith("SLO failover reason named").contains("gateway's own events");
    }

    @Test
    void impairmentsWithDelayOrJitterAreLeftOutWithTheKernelsReason() {
        NetnsScenario s = NetnsSuite.adapt(BuiltInSuite.byName("wan-degradation").orElseThrow(), KernelFault.SILENT_CUT);

        assertThat(s.left()).anyMatch(l -> l.startsWith("step at 2.0 s (impair wan1 delay") && l.contains("netem"));
        assertThat(s.scenario().timeline()).noneMatch(step -> step.action() instanceof Action.Impair);
    }

    @Test
    void everyOtherBuiltInStaysInProcessWithAReason() {
        Set<String> all = new HashSet<>(BuiltInSuite.names());
        NetnsSuite.full().forEach(s -> all.remove(s.name()));

        assertThat(NetnsSuite.inProcessOnly().keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(NetnsSuite.inProcessOnly().values()).allMatch(r -> !r.isBlank());
        assertThat(NetnsSuite.inProcessOnly().get("wan-degradation")).contains("netem");
    }

    @Test
    void dnsFailureRunsHereWithItsResolverFaultsAndItsRecordRemoval() {
        NetnsScenario s = NetnsSuite.byName("dns-failure").orElseThrow();

        assertThat(NetnsSuite.full()).extracting(NetnsScenario::name).contains("dns-failure", "nat-timeout");
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name).doesNotContain("dns-failure", "nat-timeout");
        assertThat(s.fault()).isEqualTo(KernelFault.LINK_DOWN);
        assertThat(s.scenario().timeline()).extracting(Step::action).filteredOn(a -> a instanceof Action.DnsFault)
                .extracting(a -> ((Action.DnsFault) a).mode()).containsExactly(Action.DnsFault.Mode.SILENT,
                        Action.DnsFault.Mode.SERVFAIL, Action.DnsFault.Mode.NONE, Action.DnsFault.Mode.SILENT);
        assertThat(s.scenario().slos()).extracting(Slo::metric).containsExactly(Metrics.CALLS_FAILED, Metrics.CALLS_COMPLETED,
                Metrics.CALL_SETUP_P95_MS, Metrics.REGISTRATION_RECOVERY_S);
        assertThat(s.left()).isEmpty();   // the SRV removal too: dnsmasq restarted without it
        assertThat(s.scenario().timeline()).extracting(Step::action).hasAtLeastOneElementOfType(Action.DnsRemove.class);
        assertThat(NetnsSuite.udpTimeouts("dns-failure")).isEmpty();
    }

    @Test
    void natTimeoutRunsWithShortConntrackTimeoutsAndSaysWhichSlosItDoesNotJudge() {
        NetnsScenario s = NetnsSuite.byName("nat-timeout").orElseThrow();

        assertThat(s.scenario().timeline()).extracting(Step::action).hasAtLeastOneElementOfType(Action.NatPortChange.class)
                .hasAtLeastOneElementOfType(Action.NatForget.class);
        assertThat(s.scenario().slos()).extracting(Slo::metric).containsExactly(Metrics.INBOUND_DELIVERED);
        assertThat(s.left()).anyMatch(l -> l.startsWith("SLO one-way audio") && l.contains("does not latch"))
                .anyMatch(l -> l.startsWith("SLO provider hang-ups lost"));
        assertThat(NetnsSuite.udpTimeouts("nat-timeout")).contains(new NetnsSuite.UdpTimeouts(5, 10));
        // One-way audio is judged wherever no port change makes the lab's provider send to a stale port.
        Slo oneWay = Slo.equalTo("one-way audio", Metrics.ONE_WAY_AUDIO_CALLS, 0, "calls");
        assertThat(NetnsSuite.notJudgedHere(BuiltInSuite.byName("nat-timeout").orElseThrow(), oneWay)).isPresent();
        assertThat(NetnsSuite.notJudgedHere(BuiltInSuite.byName("inbound-during-failover").orElseThrow(), oneWay)).isEmpty();
        assertThatThrownBy(() -> new NetnsSuite.UdpTimeouts(10, 5)).hasMessageContaining("no shorter than the unreplied one");
    }
}
