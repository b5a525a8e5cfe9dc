package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.Observations.heard;
import static dev.lifeline.drill.run.Observations.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.drill.lab.wan.Direction;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.events.Event;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Measurements#of} on synthetic observations: what each figure is made of, edge cases first. */
class MeasurementsTest {

    private static double value(Metrics m, String name) {
        OptionalDouble v = m.get(name);
        assertThat(v).as("%s in %s", name, m.values()).isPresent();
        return v.getAsDouble();
    }

    @Nested
    class Legs {

        private Event.CallEnded ended(double at, String callerLeg, double callerLoss, String calleeLeg,
                                      double calleeLoss, String blame) {
            return new Event.CallEnded(t(at), "c" + at, "1001", "+15557000", "trunk provider", 200, "x",
                    Event.Hangup.CALLER, t(at - 10), Duration.ofSeconds(10), 500, callerLoss, 2, 80, 4, 500, calleeLoss,
                    1, 93, 4.4, callerLeg, calleeLeg, blame, "x");
        }

        @Test
        void theGatewaysVerdictsAndWorstLegLossesAreCountedBesideTheLabsOwnDrops() {
            Observations o = Observations.of(BuiltInSuite.byName("lan-loss").orElseThrow())
                    .event(ended(12, "lan", 4.2, "wan", 0.1, "lan"))
                    .event(ended(12.5, "lan", 6.0, "wan", 2.0, "both"))
                    .event(new Event.CallEnded(t(13), "busy", "1001", "x", "trunk provider", 486, "busy",
                            Event.Hangup.CALLEE, null, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "lan", "wan",
                            "unmeasured", "x"))
                    .lan(new ScenarioRun.LanCounts(950, 50, 990, 10));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.LAN_LEG_NAMED)).isEqualTo(1);
            assertThat(value(m, Metrics.WAN_LEG_NAMED)).as("both counts against the WAN").isEqualTo(1);
            assertThat(value(m, Metrics.LAN_LEG_LOSS_MAX_PCT)).isEqualTo(6.0);
            assertThat(value(m, Metrics.WAN_LEG_LOSS_MAX_PCT)).isEqualTo(2.0);
            assertThat(value(m, Metrics.LAN_DROPPED_PCT)).isEqualTo(5.0);
            assertThat(dev.lifeline.drill.report.Reading.of(dev.lifeline.drill.report.ScenarioReport.completed("lan-loss",
                    m.values(), java.util.List.of(), java.util.List.of(), java.util.List.of())))
                    .contains("The lab's LAN dropped 5 % of the phones' packets to the gateway; the gateway named the LAN"
                            + " leg as losing packets in 1 call and the WAN leg (or both) in 1 call, having measured up to"
                            + " 6 % loss on a LAN leg and 2 % on a WAN leg (the gateway's word).");
        }

        @Test
        void aRunWithoutImpairmentHasNoLegFigures() {
            Observations o = Observations.of(BuiltInSuite.byName("wan-total-loss").orElseThrow())
                    .event(ended(12, "lan", 4.2, "wan", 0.1, "lan"));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.LAN_LEG_NAMED)).isFalse();
            assertThat(m.has(Metrics.LAN_DROPPED_PCT)).isFalse();
        }
    }

    @Nested
    class LossSteps {

        /** loss-audio-quality as built in: steps at 1, 9, 17, 25 s (0, 1, 3, 5 %), 6 calls of 6 s from 1 s into each. */
        private Observations withCallsHearing(int... concealedPerCall) {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            double[] starts = {2, 10, 18, 26};
            for (int step = 0; step < 4; step++) {
                for (int c = 0; c < 6; c++) {
                    o.call(heard(starts[step], 0.2, 6, concealedPerCall[step]));
                }
            }
            return o;
        }

        @Test
        void eachStepIsHeardByItsOwnCallsAndRatedByTheirPhones() {
            Metrics m = Measurements.of(withCallsHearing(0, 3, 9, 15).observed());

            assertThat(value(m, "heard_loss_0_pct")).isZero();
            assertThat(value(m, "heard_loss_1_pct")).isCloseTo(1.0, within(1e-9));
            assertThat(value(m, "heard_loss_3_pct")).isCloseTo(3.0, within(1e-9));
            assertThat(value(m, "heard_loss_5_pct")).isCloseTo(5.0, within(1e-9));
            double cqe5 = Observations.quality(285, 15).mos();
            assertThat(value(m, "mos_cqe_at_loss_5_pct")).isCloseTo(cqe5, within(1e-9));
            assertThat(value(m, "mos_g107_at_loss_0_pct")).isEqualTo(4.41);
            assertThat(value(m, "mos_g107_at_loss_5_pct")).isEqualTo(3.92);
            assertThat(value(m, Metrics.MOS_CQE_DEVIATION_MAX)).isLessThan(0.2);
        }

        @Test
        void phonesThatHearNoneOfTheLossAreFarFromG107() {
            // Media that bypasses the impaired path: the phones hear a clean line at every step.
            Metrics m = Measurements.of(withCallsHearing(0, 0, 0, 0).observed());

            assertThat(value(m, "heard_loss_5_pct")).isZero();
            assertThat(value(m, Metrics.MOS_CQE_DEVIATION_MAX)).isGreaterThan(0.4);
        }

        @Test
        void aCallHeldAcrossTwoStepsCountsInNeither() {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            o.call(heard(0, 0.2, 34, 40));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.names()).noneMatch(n -> n.startsWith("heard_loss_") || n.startsWith("mos_cqe_"));
            assertThat(m.has(Metrics.MOS_CQE_DEVIATION_MAX)).isFalse();
        }

        @Test
        void aStepWithNoCallsIsLeftOutNotCountedAsPerfect() {
            Observations o = Observations.of(BuiltInSuite.byName("loss-audio-quality").orElseThrow());
            o.call(heard(2, 0.2, 6, 0));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has("heard_loss_0_pct")).isTrue();
            assertThat(m.has("heard_loss_5_pct")).isFalse();
            assertThat(m.has("mos_g107_at_loss_5_pct")).isFalse();
        }

        @Test
        void aLossTheReferenceDoesNotHoldIsReportedButNotCompared() {
            Observations o = Observations.of(
                    Observations.at(0, new dev.lifeline.drill.scenario.Action.Impair("wan1",
                            dev.lifeline.drill.scenario.Action.Impair.Direction.DOWN, java.time.Duration.ZERO,
                            java.time.Duration.ZERO, 2.5, dev.lifeline.drill.scenario.BurstLoss.NONE, 0)),
                    Observations.at(10, new dev.lifeline.drill.scenario.Action.Restore("wan1")));
            o.call(heard(1, 0.2, 6, 8)).endingAt(12);

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, "heard_loss_2p5_pct")).isCloseTo(100.0 * 8 / 300, within(1e-9));
            assertThat(m.has("mos_cqe_at_loss_2p5_pct")).isTrue();
            assertThat(m.has("mos_g107_at_loss_2p5_pct")).isFalse();
            assertThat(m.has(Metrics.MOS_CQE_DEVIATION_MAX)).isFalse();
        }
    }

    /** wan-total-loss as built in: a call from 0 s for 24 s, wan1 blackholed at 2 s, restored at 8 s. */
    private static Observations wanTotalLoss() {
        return Observations.of(BuiltInSuite.byName("wan-total-loss").orElseThrow())
                .registerAccepted("wan1", -20)
                .packet("wan1", 1.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "");
    }

    @Nested
    class Detection {

        @Test
        void runsFromTheCutToTheGatewaysFirstRequestOnTheOtherPathAsItsEmulatorSawIt() {
            Observations o = wanTotalLoss()
                    .packet("wan2", 2.3, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "OPTIONS")
                    .registerSent("wan2", 2.6)
                    .packet("wan2", 2.7, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                    .event(new Event.PathStateChanged(t(2.55), "wan1", "down", "probe stream silent"));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.DETECTION_S)).isCloseTo(0.6, within(1e-9));
            assertThat(value(m, Metrics.DETECTION_GATEWAY_S)).isCloseTo(0.55, within(1e-9));
        }

        @Test
        void theCutPathsOwnTrafficAndTheProbesOfTheOtherShowNothing() {
            Observations o = wanTotalLoss()
                    .packet("wan1", 2.1, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                    .registerSent("wan1", 2.2)
                    .packet("wan2", 2.3, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "OPTIONS")
                    .packet("wan2", 2.4, Direction.DOWNSTREAM, PathPacket.Kind.SIP_REQUEST, "INVITE")
                    .packet("wan2", 2.5, Direction.UPSTREAM, PathPacket.Kind.SIP_RESPONSE, "200")
                    .packet("wan2", 2.8, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "INVITE");

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.DETECTION_S)).isCloseTo(0.8, within(1e-9));
        }

        @Test
        void trafficOnAPathAlreadyInUseBeforeTheFaultShowsNothing() {
            Observations o = wanTotalLoss()
                    .packet("wan2", 0.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                    .packet("wan2", 2.1, Direction.UPSTREAM, PathPacket.Kind.RTP, "");

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.DETECTION_S)).isFalse();
        }

        @Test
        void theGatewaysWordOnAnotherPathIsIgnored() {
            Observations o = wanTotalLoss()
                    .event(new Event.PathStateChanged(t(2.3), "wan2", "down", "unrelated"))
                    .event(new Event.PathStateChanged(t(2.7), "wan1", "down", "probe stream silent"));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.DETECTION_GATEWAY_S)).isCloseTo(0.7, within(1e-9));
            assertThat(m.has(Metrics.DETECTION_S)).as("no packet on wan2 was seen").isFalse();
        }

        @Test
        void aCutOfAPathTheSiteWasNotUsingHasNothingToDetect() {
            Observations o = Observations.of(
                            Observations.at(1, new Action.Blackhole("wan2", true)),
                            Observations.at(5, new Action.Restore("wan2")))
                    .registerAccepted("wan1", -20)
                    .packet("wan1", 0.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                    .registerSent("wan1", 3);

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.DETECTION_S)).isFalse();
            assertThat(m.has(Metrics.DETECTION_GATEWAY_S)).isFalse();
        }

        @Test
        void faultsThatCutNoPathAreNotDetections() {
            Observations o = Observations.of(BuiltInSuite.byName("provider-target-down").orElseThrow())
                    .registerAccepted("wan1", -20)
                    .registerSent("wan2", 3);

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.DETECTION_S)).isFalse();
        }

        @Test
        void eachRunsFromTheLastPathFaultBeforeIt() {
            // wan-degradation: mild loss, a hiccup, then heavy bursty loss at 15 s; the move at 17.1 s answers that.
            Observations o = Observations.of(BuiltInSuite.byName("wan-degradation").orElseThrow())
                    .registerAccepted("wan1", -20)
                    .packet("wan1", 14.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                    .registerSent("wan2", 17.1);

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.DETECTION_S)).isCloseTo(2.1, within(1e-9));
        }
    }

    @Nested
    class FailoversAndFailback {

        @Test
        void failbackRunsFromTheRestoreToTheProvidersFirst200ThroughThePreferredPath() {
            Observations o = wanTotalLoss()
                    .registerAccepted("wan2", 2.7)
                    .registerAccepted("wan2", 12)
                    .registerAccepted("wan1", 18.25);

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.FAILBACK_S)).isCloseTo(10.25, within(1e-9));
            assertThat(value(m, Metrics.FAILOVERS)).isEqualTo(2);
            assertThat(value(m, Metrics.FALSE_FAILOVERS)).isZero();
        }

        @Test
        void noFailbackIsMeasuredWhenTheTrunkNeverLeft() {
            Metrics m = Measurements.of(wanTotalLoss().registerAccepted("wan1", 12).observed());

            assertThat(m.has(Metrics.FAILBACK_S)).isFalse();
            assertThat(value(m, Metrics.FAILOVERS)).isZero();
        }

        @Test
        void aMoveAwayFromAPathWithMildLossOnlyIsFalseWhateverTheGatewaySays() {
            // wan-degradation's first step, 2 % loss from 2 s: no reason to leave wan1.
            Observations o = Observations.of(BuiltInSuite.byName("wan-degradation").orElseThrow())
                    .registerAccepted("wan1", -20)
                    .event(new Event.ActivePathChanged(t(5.9), "wan1", "wan2", "quality below the floor"))
                    .registerAccepted("wan2", 6);

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.FAILOVERS)).isEqualTo(1);
            assertThat(value(m, Metrics.FALSE_FAILOVERS)).isEqualTo(1);
            assertThat(value(m, Metrics.FAILOVERS_WITHOUT_REASON)).isZero();
        }

        @Test
        void aSwitchOnlyTheGatewayReportsIsNoFailover() {
            Observations o = wanTotalLoss()
                    .event(new Event.ActivePathChanged(t(2.6), "wan1", "wan2", ""));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.FAILOVERS)).isZero();
            assertThat(value(m, Metrics.FAILOVERS_WITHOUT_REASON)).as("the gateway's word, labelled as such").isEqualTo(1);
        }
    }

    @Nested
    class Calls {

        @Test
        void whatTheTimelinePlannedIsCountedBesideWhatWasAttempted() {
            // local-survivability: internal, group and outside calls, and an emergency call.
            Observations o = Observations.of(BuiltInSuite.byName("local-survivability").orElseThrow())
                    .call(Observations.failed(CallOutcome.Kind.OUTBOUND, "1002", 2, "408 Request Timeout"));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.CALLS_PLANNED)).isGreaterThan(value(m, Metrics.CALLS_ATTEMPTED));
            assertThat(value(m, Metrics.CALLS_ATTEMPTED)).isEqualTo(1);
            assertThat(value(m, Metrics.INTERNAL_CALLS_ATTEMPTED)).isEqualTo(1);
            assertThat(value(m, Metrics.INTERNAL_CALLS_FAILED)).isEqualTo(1);
            assertThat(value(m, Metrics.INTERNAL_CALLS_PLANNED)).isLessThan(value(m, Metrics.CALLS_PLANNED));
            assertThat(value(m, Metrics.EMERGENCY_PLANNED)).isEqualTo(1);
            assertThat(value(m, Metrics.EMERGENCY_ATTEMPTED)).isZero();
        }

        @Test
        void nothingAttemptedCountsNothingFailedButIsNoPass() {
            Observations o = Observations.of(BuiltInSuite.byName("dns-failure").orElseThrow());

            Metrics m = Measurements.of(o.observed());
            var result = dev.lifeline.drill.scenario.ScenarioResult.judge(
                    BuiltInSuite.byName("dns-failure").orElseThrow(), m);

            assertThat(value(m, Metrics.CALLS_FAILED)).isZero();
            assertThat(value(m, Metrics.CALLS_ATTEMPTED)).isZero();
            assertThat(result.verdict()).isEqualTo(dev.lifeline.drill.scenario.Verdict.FAIL);
            assertThat(result.slos()).filteredOn(r -> r.slo().name().equals("calls attempted as planned"))
                    .singleElement().satisfies(r -> assertThat(r.pass()).isFalse());
        }

        @Test
        void aDroppedCallsAudioGapRunsToItsPlannedEnd() {
            // Answered at 0.2 s for 24 s, silent from 3 s (1 s of its playout), dropped at 4.2 s.
            var q = Observations.quality(new int[][] {{50, 0}, {50, 0}, {50, 0}, {0, 50}}, Duration.ofSeconds(1));
            Observations o = wanTotalLoss()
                    .call(Observations.answered(CallOutcome.Kind.OUTBOUND, "+15557000", 0, 0.2, 24, 4, true,
                            java.util.Optional.of(q)));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.CALLS_DROPPED)).isEqualTo(1);
            assertThat(value(m, Metrics.AUDIO_GAP_S)).isCloseTo(1 + 20, within(1e-9));
        }

        @Test
        void aCallHeldToItsEndKeepsTheGapItsPhoneHeard() {
            var q = Observations.quality(new int[][] {{50, 0}, {20, 30}, {50, 0}}, Duration.ofMillis(600));
            Observations o = wanTotalLoss()
                    .call(Observations.answered(CallOutcome.Kind.OUTBOUND, "+15557000", 0, 0.2, 24, 24, false,
                            java.util.Optional.of(q)));

            assertThat(value(Measurements.of(o.observed()), Metrics.AUDIO_GAP_S)).isCloseTo(0.6, within(1e-9));
        }
    }

    @Nested
    class ProviderSideAndPhones {

        @Test
        void registrationRecoveryIsTheProviders200ThroughAnotherPathAfterTheFault() {
            Observations o = wanTotalLoss()
                    .registerAccepted("wan1", 2.3)      // a refresh that went out before the cut took hold
                    .registerAccepted("wan2", 2.65);

            assertThat(value(Measurements.of(o.observed()), Metrics.REGISTRATION_RECOVERY_S)).isCloseTo(0.65, within(1e-9));
        }

        @Test
        void withoutARegistrationBeforeTheFaultThereIsNoRecoveryToMeasure() {
            Observations o = Observations.of(BuiltInSuite.byName("wan-total-loss").orElseThrow())
                    .registerAccepted("wan2", 2.65);

            assertThat(Measurements.of(o.observed()).has(Metrics.REGISTRATION_RECOVERY_S)).isFalse();
        }

        @Test
        void afterARestartEveryPhoneBackAndTheBindingsKept() {
            Observations o = Observations.of(BuiltInSuite.byName("reboot-storm").orElseThrow()).restarted(3, 7);
            for (int e = 1001; e <= 1010; e++) {
                o.reregistered(Integer.toString(e), 3 + (e - 1000) * 0.1);
            }

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.PHONES_REREGISTERED_S)).isCloseTo(1.0, within(1e-9));
            assertThat(value(m, Metrics.BINDINGS_LOST)).isEqualTo(3);
        }

        @Test
        void aPhoneThatNeverCameBackLeavesTheTimeUnmeasured() {
            Observations o = Observations.of(BuiltInSuite.byName("reboot-storm").orElseThrow()).restarted(3, 10)
                    .reregistered("1001", 3.2).reregistered("1002", -1);

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.PHONES_REREGISTERED_S)).isFalse();
            assertThat(value(m, Metrics.BINDINGS_LOST)).isZero();
        }

        @Test
        void aStormIsMeasuredAsItsPhonesSawIt() {
            Observations o = Observations.of(BuiltInSuite.byName("registration-storm").orElseThrow())
                    .storm(new StormOutcome(5_000, 5_000, 137, Duration.ofMillis(6_620), 1_648.2, 4_998, 5_000));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.STORM_REGISTERED_S)).isCloseTo(6.62, within(1e-9));
            assertThat(value(m, Metrics.STORM_UNREGISTERED)).isZero();
            assertThat(value(m, Metrics.STORM_REFUSED)).isEqualTo(137);
            assertThat(value(m, Metrics.STORM_BINDINGS_LOST)).isEqualTo(2);
            assertThat(value(m, Metrics.STORM_REGISTER_P99_MS)).isCloseTo(1_648.2, within(1e-9));
        }

        @Test
        void aStormWithPhonesLeftOutHasNoTimeForEveryPhone() {
            Observations o = Observations.of(BuiltInSuite.byName("registration-storm").orElseThrow())
                    .storm(new StormOutcome(5_000, 4_990, 0, Duration.ofSeconds(15), 900, 4_990, 4_990));

            Metrics m = Measurements.of(o.observed());

            assertThat(m.has(Metrics.STORM_REGISTERED_S)).isFalse();
            assertThat(value(m, Metrics.STORM_UNREGISTERED)).isEqualTo(10);
            assertThat(value(m, Metrics.STORM_BINDINGS_LOST)).isEqualTo(10);
        }

        @Test
        void withoutARestartNothingIsSaidOfBindings() {
            Metrics m = Measurements.of(wanTotalLoss().observed());

            assertThat(m.has(Metrics.BINDINGS_LOST)).isFalse();
            assertThat(m.has(Metrics.PHONES_REREGISTERED_S)).isFalse();
        }

        @Test
        void aCertificateEventCountsOnlyWhenTheGatewaySawTheCertificate() {
            Observations o = Observations.of(BuiltInSuite.byName("cert-expired").orElseThrow())
                    .event(new Event.CertificateChecked(t(0.2), "sip1", "error", null, "could not connect"))
                    .event(new Event.CertificateChecked(t(0.4), "sip1.provider.lab", "expired", t(-30 * 86400),
                            "certificate expired"));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.CERTIFICATE_EVENTS)).isEqualTo(1);
            assertThat(value(m, Metrics.CERTIFICATE_EVENT_S)).isCloseTo(0.4, within(1e-9));
        }

        @Test
        void anEmergencyCallIsCountedAsAttemptedAndConnected() {
            Observations o = Observations.of(BuiltInSuite.byName("reboot-storm").orElseThrow())
                    .call(Observations.answered(CallOutcome.Kind.EMERGENCY, "911", 4, 0.3, 3, 3, false,
                            java.util.Optional.of(Observations.quality(150, 0))));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.EMERGENCY_PLANNED)).isEqualTo(1);
            assertThat(value(m, Metrics.EMERGENCY_ATTEMPTED)).isEqualTo(1);
            assertThat(value(m, Metrics.EMERGENCY_CONNECTED)).isEqualTo(1);
            assertThat(value(m, Metrics.CALLS_ATTEMPTED)).as("emergency calls are counted apart").isZero();
        }

        @Test
        void aPhoneThatHeardNothingRatesTheBottomOfTheScaleAndIsOneWay() {
            Observations o = wanTotalLoss().call(Observations.answered(CallOutcome.Kind.OUTBOUND, "+15557000", 0, 0.2,
                    24, 24, false, java.util.Optional.of(Observations.quality(0, 0))));

            Metrics m = Measurements.of(o.observed());

            assertThat(value(m, Metrics.ONE_WAY_AUDIO_CALLS)).isEqualTo(1);
            assertThat(value(m, Metrics.MOS_MIN)).isEqualTo(1.0);
            assertThat(value(m, Metrics.LOSS_MAX_PCT)).isEqualTo(100.0);
        }

        @Test
        void theAudioGapIsOnlyOfCallsUpAcrossTheFault() {
            Observations o = wanTotalLoss().call(Observations.answered(CallOutcome.Kind.OUTBOUND, "+15557000", 3, 0.2,
                    5, 5, false, java.util.Optional.of(Observations.quality(200, 50, Duration.ofSeconds(1)))));

            assertThat(Measurements.of(o.observed()).has(Metrics.AUDIO_GAP_S)).isFalse();
        }
    }
}
