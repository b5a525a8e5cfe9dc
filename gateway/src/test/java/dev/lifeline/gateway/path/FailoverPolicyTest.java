package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PolicyAction.Publish;
import dev.lifeline.gateway.path.PolicyAction.SwitchActive;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Single steps of the policy with hand-made inputs, for the rules the simulations do not isolate. */
class FailoverPolicyTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final FailoverPolicy POLICY = new FailoverPolicy(FailoverSettings.DEFAULT);
    /** The rules before the confirmation burst: a failed OPTIONS is only counted. */
    private static final FailoverPolicy WITHOUT_BURST = new FailoverPolicy(FailoverSettings.DEFAULT
            .withConfirmation(Duration.ZERO, Duration.ZERO, FailoverSettings.DEFAULT_CONFIRM_INTERVAL));
    private FailoverPolicy policy = POLICY;
    private static final List<WanPath> PATHS = List.of(path("wan2", 2), path("wan1", 1));

    private PolicyState state;
    private final List<PolicyAction> actions = new ArrayList<>();

    private static WanPath path(String name, int priority) {
        return new WanPath(name, InetAddress.getLoopbackAddress(), Optional.empty(), List.of(), priority);
    }

    private void start(Set<String> probed) {
        Decision d = policy.start(PATHS, probed, T0);
        state = d.state();
        actions.addAll(d.actions());
    }

    private void feed(PolicyInput input, long atMillis) {
        Decision d = policy.next(state, input, T0.plusMillis(atMillis));
        state = d.state();
        actions.addAll(d.actions());
    }

    private List<Event> events() {
        return actions.stream().filter(a -> a instanceof Publish).map(a -> ((Publish) a).event()).toList();
    }

    @Test
    void everyPathStartsUpAndTheBestPriorityIsActive() {
        start(Set.of());
        assertThat(events()).containsExactly(
                new Event.PathStateChanged(T0, "wan1", "up", "assumed up at start"),
                new Event.PathStateChanged(T0, "wan2", "up", "assumed up at start"),
                new Event.ActivePathChanged(T0, "", "wan1", "wan1 is the preferred path (assumed up at start)"));
        assertThat(actions.getLast()).isEqualTo(new SwitchActive(Optional.empty(), Optional.of("wan1"),
                "wan1 is the preferred path (assumed up at start)"));
        assertThat(state.active()).contains("wan1");
    }

    @Test
    void withoutAReflectorSilenceIsNotJudgedAndOptionsDecide() {
        policy = WITHOUT_BURST;
        start(Set.of());
        feed(new PolicyInput.Tick(), 60_000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 61_000);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 62_000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        feed(new PolicyInput.OptionsFailed("wan1", "503 Service Unavailable"), 63_000);
        PathHealth wan1 = state.path("wan1").orElseThrow();
        assertThat(wan1.state()).isEqualTo(PathState.DOWN);
        assertThat(wan1.reason()).isEqualTo("3 OPTIONS probes failed in a row (last: 503 Service Unavailable)");
        assertThat(state.active()).contains("wan2");
    }

    @Test
    void anAnsweredOptionsBreaksTheRun() {
        policy = WITHOUT_BURST;
        start(Set.of());
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 1000);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 2000);
        feed(new PolicyInput.OptionsAnswered("wan1"), 3000);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 4000);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 5000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
    }

    // ---- suspicion and the confirmation burst ----

    private static MediaSample media(int watched, long lastHeardMs, long phonesLastHeardMs) {
        return new MediaSample(watched, Optional.of(T0.plusMillis(lastHeardMs)), Optional.of(T0.plusMillis(phonesLastHeardMs)));
    }

    private List<PolicyAction.Confirm> confirms() {
        return actions.stream().filter(a -> a instanceof PolicyAction.Confirm).map(PolicyAction.Confirm.class::cast).toList();
    }

    @Test
    void aFailedOptionsProbeMakesThePathSuspectAndNothingBackForTheWindowTakesItDown() {
        start(Set.of());
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 1000);

        assertThat(confirms()).containsExactly(new PolicyAction.Confirm("wan1", "OPTIONS probe failed (timeout after 1 s)"));
        assertThat(events()).contains(new Event.PathSuspicion(T0.plusMillis(1000), "wan1", "suspect",
                "OPTIONS probe failed (timeout after 1 s); confirming with probes for 500 ms"));
        feed(new PolicyInput.Tick(), 1499);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        feed(new PolicyInput.Tick(), 1500);

        PathHealth wan1 = state.path("wan1").orElseThrow();
        assertThat(wan1.state()).isEqualTo(PathState.DOWN);
        assertThat(wan1.reason()).isEqualTo("OPTIONS probe failed (timeout after 1 s), and nothing came back on it "
                + "during 500 ms of confirmation probes");
        assertThat(wan1.suspectSince()).isEmpty();
        assertThat(state.active()).contains("wan2");
    }

    @Test
    void aProbeStillUnansweredAfterSuspectAfterStartsTheBurstBeforeItTimesOut() {
        start(Set.of());
        feed(new PolicyInput.OptionsLate("wan1", Duration.ofMillis(300)), 1300);

        assertThat(confirms()).containsExactly(new PolicyAction.Confirm("wan1", "OPTIONS probe unanswered after 300 ms"));
        feed(new PolicyInput.Tick(), 1800);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.DOWN);
        // Only an answer brings it back: the burst's silence counts as a failed probe.
        feed(new PolicyInput.Tick(), 5000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.DOWN);
        feed(new PolicyInput.OptionsAnswered("wan1"), 5100);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
    }

    @Test
    void anythingBackDuringTheBurstEndsTheSuspicion() {
        start(Set.of());
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 1000);
        feed(new PolicyInput.OptionsAnswered("wan1"), 1320);
        feed(new PolicyInput.Tick(), 5000);

        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        assertThat(events()).contains(new Event.PathSuspicion(T0.plusMillis(1320), "wan1", "cleared",
                "an OPTIONS probe was answered 320 ms after it became suspect (OPTIONS probe failed (timeout after 1 s))"));
        // A second suspicion needs a new failure; one suspicion asks for one burst.
        assertThat(confirms()).hasSize(1);
    }

    @Test
    void providerAudioStoppingWhileThePhonesSendIsSuspectAndConfirmed() {
        start(Set.of());
        feed(new PolicyInput.MediaSampled("wan1", media(2, 1000, 1240)), 1249);
        assertThat(confirms()).isEmpty();
        feed(new PolicyInput.MediaSampled("wan1", media(2, 1000, 1240)), 1250);

        assertThat(confirms()).singleElement().satisfies(c -> assertThat(c.reason())
                .isEqualTo("no audio from the provider on 2 calls for 250 ms while the phones kept sending"));
        feed(new PolicyInput.Tick(), 1750);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.DOWN);
        assertThat(state.active()).contains("wan2");
    }

    @Test
    void aSingleLatePacketEndsAMediaSuspicion() {
        start(Set.of());
        feed(new PolicyInput.MediaSampled("wan1", media(1, 1000, 1290)), 1300);
        feed(new PolicyInput.MediaSampled("wan1", media(1, 1340, 1340)), 1350);
        feed(new PolicyInput.Tick(), 3000);

        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        assertThat(events()).filteredOn(e -> e instanceof Event.PathSuspicion).extracting(e -> ((Event.PathSuspicion) e).state())
                .containsExactly("suspect", "cleared");
    }

    @Test
    void aCallWhereBothSidesFellQuietOrNoCallAtAllIsNotSuspect() {
        start(Set.of());
        feed(new PolicyInput.MediaSampled("wan1", media(1, 1000, 1000)), 2000);   // phones quiet too: hold, or silence suppression
        feed(new PolicyInput.MediaSampled("wan1", MediaSample.NONE), 2050);
        feed(new PolicyInput.MediaSampled("wan1", new MediaSample(0, Optional.of(T0), Optional.of(T0.plusMillis(2099)))), 2100);

        assertThat(confirms()).isEmpty();
        assertThat(state.path("wan1").orElseThrow().suspectSince()).isEmpty();
    }

    @Test
    void withoutTheBurstNeitherMediaNorOneFailedProbeDoesAnything() {
        policy = WITHOUT_BURST;
        start(Set.of());
        feed(new PolicyInput.MediaSampled("wan1", media(1, 1000, 1990)), 2000);
        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 2000);
        feed(new PolicyInput.Tick(), 4000);

        assertThat(confirms()).isEmpty();
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
    }

    @Test
    void onlyAnUpPathIsMadeSuspect() {
        start(Set.of());
        for (int i = 1; i <= 3; i++) {
            feed(new PolicyInput.OptionsFailed("wan2", "timeout after 1 s"), i * 1000L);
        }
        actions.clear();
        feed(new PolicyInput.OptionsFailed("wan2", "timeout after 1 s"), 4000);
        assertThat(confirms()).isEmpty();
    }

    @Test
    void aFailureDuringHoldDownResetsItToDown() {
        start(Set.of());
        for (int i = 1; i <= 3; i++) {
            feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), i * 1000L);
        }
        feed(new PolicyInput.OptionsAnswered("wan1"), 4000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
        feed(new PolicyInput.OptionsFailed("wan1", "503 Service Unavailable"), 9000);
        PathHealth wan1 = state.path("wan1").orElseThrow();
        assertThat(wan1.state()).isEqualTo(PathState.DOWN);
        assertThat(wan1.reason()).isEqualTo("hold-down reset: OPTIONS probe failed (503 Service Unavailable)");
        feed(new PolicyInput.OptionsAnswered("wan1"), 10_000);
        feed(new PolicyInput.Tick(), 19_999);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
        feed(new PolicyInput.Tick(), 20_000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        assertThat(state.active()).contains("wan1");
    }

    @Test
    void withNoPathUpARecoveringPathIsUsedAtOnceAndSurvivalEnds() {
        start(Set.of());
        for (int i = 1; i <= 3; i++) {
            feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), i * 1000L);
            feed(new PolicyInput.OptionsFailed("wan2", "timeout after 1 s"), i * 1000L + 1);
        }
        assertThat(state.active()).isEmpty();
        assertThat(state.survival()).isTrue();
        actions.clear();

        feed(new PolicyInput.OptionsAnswered("wan2"), 5000);

        assertThat(state.path("wan2").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
        assertThat(state.active()).contains("wan2");
        assertThat(state.survival()).isFalse();
        assertThat(events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PathStateChanged", "SurvivalModeChanged", "ActivePathChanged");
        assertThat(events().get(1)).isEqualTo(new Event.SurvivalModeChanged(T0.plusMillis(5000), false,
                "wan2 is healthy again (used before its hold-down ends)"));
        assertThat(actions.getLast()).isInstanceOfSatisfying(SwitchActive.class,
                a -> assertThat(a.reason()).startsWith("wan2 recovering, the only working path: healthy again"));

        // The hold-down still runs: up 10 s later, without another switch.
        actions.clear();
        feed(new PolicyInput.OptionsAnswered("wan2"), 14_999);
        assertThat(state.path("wan2").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
        feed(new PolicyInput.Tick(), 15_000);
        assertThat(state.path("wan2").orElseThrow().state()).isEqualTo(PathState.UP);
        assertThat(actions).noneMatch(a -> a instanceof SwitchActive);
        assertThat(state.active()).contains("wan2");
    }

    @Test
    void aRecoveringPathDoesNotPreemptAnUpOne() {
        start(Set.of());
        for (int i = 1; i <= 3; i++) {
            feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), i * 1000L);
        }
        assertThat(state.active()).contains("wan2");
        feed(new PolicyInput.OptionsAnswered("wan1"), 4000);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.RECOVERING);
        assertThat(state.active()).contains("wan2");
        feed(new PolicyInput.Tick(), 14_000);
        assertThat(state.active()).contains("wan1");   // failback only once wan1 is up
    }

    @Test
    void theRecoveringPathInUseFailingAgainIsSurvivalModeAgain() {
        start(Set.of());
        for (int i = 1; i <= 3; i++) {
            feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), i * 1000L);
            feed(new PolicyInput.OptionsFailed("wan2", "timeout after 1 s"), i * 1000L + 1);
        }
        feed(new PolicyInput.OptionsAnswered("wan1"), 5000);
        assertThat(state.active()).contains("wan1");
        actions.clear();

        feed(new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), 6000);

        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.DOWN);
        assertThat(state.active()).isEmpty();
        assertThat(state.survival()).isTrue();
        assertThat(events()).filteredOn(e -> e instanceof Event.SurvivalModeChanged).singleElement()
                .satisfies(e -> assertThat(((Event.SurvivalModeChanged) e).active()).isTrue());
    }

    @Test
    void silenceIsMeasuredFromTheLastEcho() {
        start(Set.of("wan1", "wan2"));
        hearBoth(500);
        feed(new PolicyInput.ProbeHeard("wan1"), 1000);
        feed(new PolicyInput.Tick(), 1099);
        assertThat(state.paths()).extracting(PathHealth::state).containsOnly(PathState.UP);
        feed(new PolicyInput.Tick(), 1100);
        assertThat(state.path("wan2").orElseThrow().state()).isEqualTo(PathState.DOWN);
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        feed(new PolicyInput.Tick(), 1600);
        assertThat(events()).endsWith(
                new Event.PathStateChanged(T0.plusMillis(1100), "wan2", "down", "quality probes silent for 600 ms"),
                new Event.PathStateChanged(T0.plusMillis(1600), "wan1", "down", "quality probes silent for 600 ms"),
                new Event.ActivePathChanged(T0.plusMillis(1600), "wan1", "",
                        "wan1 down: quality probes silent for 600 ms"),
                new Event.SurvivalModeChanged(T0.plusMillis(1600), true,
                        "all WAN paths down; last: wan1 down: quality probes silent for 600 ms"));
        assertThat(state.active()).isEmpty();
        assertThat(state.survival()).isTrue();
    }

    @Test
    void silenceWhileTheGatewayItselfStalledIsNotHeldAgainstThePaths() {
        start(Set.of("wan1", "wan2"));
        hearBoth(500);
        // The gateway's own threads stood still for 700 ms (a storm saturating its CPU, a GC
        // pause): the first tick after it runs 700 ms late, before the echoes waiting unread.
        feed(new PolicyInput.Tick(Duration.ofMillis(700)), 1250);
        assertThat(state.paths()).extracting(PathHealth::state).containsOnly(PathState.UP);
        hearBoth(1260);
        assertThat(events()).noneMatch(e -> e instanceof Event.PathStateChanged c && c.state().equals("down"));
    }

    @Test
    void aStallDelaysButDoesNotHideARealSilence() {
        start(Set.of("wan1", "wan2"));
        hearBoth(500);
        feed(new PolicyInput.Tick(Duration.ofMillis(300)), 900);
        // Silent since 500, of which 300 ms excused: down once 600 ms of watched silence have passed.
        feed(new PolicyInput.Tick(), 1399);
        assertThat(state.paths()).extracting(PathHealth::state).containsOnly(PathState.UP);
        feed(new PolicyInput.Tick(), 1400);
        assertThat(state.paths()).extracting(PathHealth::state).containsOnly(PathState.DOWN);
    }

    @Test
    void rMustStayBelowTheFloorForTheWholeFloorWindow() {
        start(Set.of("wan1", "wan2"));
        for (int s = 1; s <= 6; s++) {
            hearBoth(s * 1000L - 500);
            hearBoth(s * 1000L);
            feed(new PolicyInput.QualityMeasured("wan1", summary(s, s == 3 ? 75 : 52)), s * 1000L);
        }
        assertThat(state.path("wan1").orElseThrow().state()).isEqualTo(PathState.UP);
        for (int s = 7; s <= 9; s++) {
            hearBoth(s * 1000L - 500);
            hearBoth(s * 1000L);
            feed(new PolicyInput.QualityMeasured("wan1", summary(s, 52)), s * 1000L);
        }
        PathHealth wan1 = state.path("wan1").orElseThrow();
        assertThat(wan1.state()).isEqualTo(PathState.DOWN);
        assertThat(wan1.reason()).isEqualTo("R 52 below floor 70 for 5 s");
        assertThat(wan1.since()).isEqualTo(T0.plusSeconds(9)); // below since the window of s = 4
    }

    @Test
    void flapDampingHoldsBackFailbacksButNeverAForcedSwitch() {
        FailoverSettings d = FailoverSettings.DEFAULT;
        FailoverPolicy policy = new FailoverPolicy(new FailoverSettings(d.probeInterval(), d.probeTimeout(),
                d.silenceWindow(), 1, d.rFloor(), d.floorWindow(), Duration.ofSeconds(1), true, 3, d.switchWindow()));
        Decision dec = policy.start(PATHS, Set.of(), T0);
        PolicyState s = dec.state();
        long t = 0;
        List<String> actives = new ArrayList<>();
        for (int cycle = 0; cycle < 4; cycle++) {
            s = policy.next(s, new PolicyInput.OptionsFailed("wan1", "timeout after 1 s"), T0.plusSeconds(t += 10)).state();
            actives.add(s.active().orElse(""));
            s = policy.next(s, new PolicyInput.OptionsAnswered("wan1"), T0.plusSeconds(t += 10)).state();
            s = policy.next(s, new PolicyInput.Tick(), T0.plusSeconds(t += 10)).state();
            actives.add(s.active().orElse(""));
        }
        // failover, failback (room left for one forced switch), failover; then failbacks held back
        assertThat(actives).containsExactly("wan2", "wan1", "wan2", "wan2", "wan2", "wan2", "wan2", "wan2");
        // wan2 fails: traffic goes to wan1 at once even though damping is on
        s = policy.next(s, new PolicyInput.OptionsFailed("wan2", "timeout after 1 s"), T0.plusSeconds(t + 1)).state();
        assertThat(s.active()).contains("wan1");
        // once the window has passed, failback is allowed again
        s = policy.next(s, new PolicyInput.OptionsAnswered("wan2"), T0.plusSeconds(t + 2)).state();
        assertThat(s.path("wan2").orElseThrow().holdDown()).isEqualTo(Duration.ofSeconds(2)); // doubled
    }

    @Test
    void inputsForUnknownPathsAreIgnoredAndBadConfigIsRefused() {
        start(Set.of());
        PolicyState before = state;
        feed(new PolicyInput.OptionsFailed("wan9", "timeout after 1 s"), 1000);
        assertThat(state.paths()).isEqualTo(before.paths());
        assertThatThrownBy(() -> POLICY.start(List.of(), Set.of(), T0)).hasMessageContaining("no WAN paths");
        assertThatThrownBy(() -> POLICY.start(List.of(path("a", 1), path("a", 2)), Set.of(), T0))
                .hasMessageContaining("\"a\"");
    }

    @Test
    void statusLinesShowStateActiveAndQuality() {
        start(Set.of("wan1"));
        feed(new PolicyInput.ProbeHeard("wan1"), 500);
        feed(new PolicyInput.QualityMeasured("wan1", summary(1, 90)), 1000);
        List<PathStatus> lines = PathStatus.of(state);
        assertThat(lines).extracting(PathStatus::name).containsExactly("wan1", "wan2");
        assertThat(lines.getFirst().active()).isTrue();
        assertThat(lines.getFirst().r()).isEqualTo(90);
        assertThat(lines.get(1).r()).isNaN();
        assertThat(lines.get(1).lastReason()).isEqualTo("assumed up at start");
    }

    private void hearBoth(long atMillis) {
        feed(new PolicyInput.ProbeHeard("wan1"), atMillis);
        feed(new PolicyInput.ProbeHeard("wan2"), atMillis);
    }

    private static QualitySummary summary(int second, double r) {
        Instant to = T0.plusSeconds(second);
        return new QualitySummary(to.minusMillis(500), to, 250, 0, 0, 0, 1, 40, 1, r);
    }
}
