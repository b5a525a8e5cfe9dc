package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.Observations.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.lab.phone.CallResult;
import dev.lifeline.drill.lab.wan.Direction;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.events.Event;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The figures of wan-quiet-field from synthetic observations: confirmation bursts told apart from
 * the regular probes by what the WAN emulator saw, and holds counted from what the phones heard.
 */
class QuietCallMeasurementsTest {

    private static Observations quiet() {
        return Observations.of(BuiltInSuite.byName("wan-quiet-field").orElseThrow());
    }

    /** Call media leaving through {@code path}: the path is in use. */
    private static Observations media(Observations o, String path) {
        o.packet(path, 0.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "");
        return o;
    }

    /** The gateway's regular probe rounds on wan1 and wan2: OPTIONS to both targets every second, each answered. */
    private static Observations regularProbes(Observations o) {
        for (int s = 0; s <= 9; s++) {
            for (String path : new String[] {"wan1", "wan2"}) {
                options(o, path, s + 0.010);
                answer(o, path, s + 0.015);
            }
        }
        return o;
    }

    /** One round: OPTIONS to sip1 and, 2 ms later, to sip2. */
    private static void options(Observations o, String path, double at) {
        o.packet(path, at, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "OPTIONS");
        o.packet(path, at + 0.002, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "OPTIONS");
    }

    private static void answer(Observations o, String path, double at) {
        o.packet(path, at, Direction.DOWNSTREAM, PathPacket.Kind.SIP_RESPONSE, "200");
    }

    private static double value(Metrics m, String name) {
        OptionalDouble v = m.get(name);
        assertThat(v).as("%s in %s", name, m.values()).isPresent();
        return v.getAsDouble();
    }

    @Test
    void regularProbesAreNoSuspicion() {
        Metrics m = Measurements.of(media(regularProbes(quiet()), "wan1").observed());

        assertThat(value(m, Metrics.SUSPICIONS)).isZero();
        assertThat(value(m, Metrics.SUSPICIONS_GATEWAY)).isZero();
    }

    @Test
    void aLateRegularRoundIsNoSuspicionButAnAnsweredExtraRoundIs() {
        Observations o = media(media(quiet(), "wan1"), "wan2");
        // wan1's round at 3 s runs 250 ms late, the next on time: one spacing is short, the other long.
        for (double at : new double[] {0, 1, 2, 3.25, 4, 5}) {
            options(o, "wan1", at);
            answer(o, "wan1", at + 0.005);
        }
        // wan2: a single burst probe at 2.5 s, answered at once (the suspicion ends with it).
        for (double at : new double[] {0, 1, 2, 2.5, 3, 4}) {
            options(o, "wan2", at);
            answer(o, "wan2", at + 0.005);
        }

        Metrics m = Measurements.of(o.observed());

        assertThat(value(m, Metrics.SUSPICIONS)).isEqualTo(1);
    }

    @Test
    void aRetransmissionOfAnUnansweredProbeIsNoSuspicion() {
        Observations o = media(quiet(), "wan1");
        // wan1's round at 2 s is answered only after 600 ms: the gateway retransmits it at 2.5 s.
        for (double at : new double[] {0, 1, 2, 2.5, 3, 4}) {
            options(o, "wan1", at);
            if (at != 2) {
                answer(o, "wan1", at + 0.1);
            }
        }

        Metrics m = Measurements.of(o.observed());

        assertThat(value(m, Metrics.SUSPICIONS)).isZero();
    }

    @Test
    void anUnansweredBurstIsOneSuspicionAndRepeatedAnsweredOnesEachCount() {
        Observations o = media(media(regularProbes(quiet()), "wan1"), "wan2");
        // wan1: a burst of four probes 100 ms apart that nothing answers: one suspicion.
        for (int i = 0; i < 4; i++) {
            options(o, "wan1", 3.3 + i * 0.1);
        }
        // wan2: suspected again and again, each probe answered: three suspicions.
        for (int i = 0; i < 3; i++) {
            options(o, "wan2", 5.3 + i * 0.15);
            answer(o, "wan2", 5.3 + i * 0.15 + 0.004);
        }
        o.event(new Event.PathSuspicion(t(3.3), "wan1", "suspect", "no audio from the provider"));

        Metrics m = Measurements.of(o.observed());

        assertThat(value(m, Metrics.SUSPICIONS)).isEqualTo(4);
        assertThat(value(m, Metrics.SUSPICIONS_GATEWAY)).as("the gateway's word, counted apart").isEqualTo(1);
    }

    @Test
    void aRoundCaughtUpAfterAStallOrAKeepaliveIsNoSuspicionNorIsABurstOnAPathWithoutCalls() {
        Observations o = media(quiet(), "wan1");
        // The machine stalls: wan1's round due at 3 s leaves at 3.9 s, the one due at 4 s on time.
        for (double at : new double[] {0, 1, 2, 3.9, 4, 5}) {
            options(o, "wan1", at);
            answer(o, "wan1", at + 0.005);
        }
        // The trunk's keepalive: one OPTIONS to its registration target, off the probe cadence.
        o.packet("wan1", 2.5, Direction.UPSTREAM, PathPacket.Kind.SIP_REQUEST, "OPTIONS");
        answer(o, "wan1", 2.505);
        // wan2 carries no call: an extra round there is no work of the media watch.
        for (double at : new double[] {0, 1, 1.5, 2, 3}) {
            options(o, "wan2", at);
            answer(o, "wan2", at + 0.005);
        }

        Metrics m = Measurements.of(o.observed());

        assertThat(value(m, Metrics.SUSPICIONS)).isZero();
    }

    @Test
    void aHeldCallCountsAsResumedOnlyWhenItsPhoneHeardAudioAgain() {
        Observations o = quiet().hold("held", 2, true, true).hold("silent", 2, true, true)
                .phoneResult(result("held", new CallResult.Hold(1, 1, 3, 100), 0))
                .phoneResult(result("silent", new CallResult.Hold(1, 1, 0, 10), 0))
                .phoneResult(result("quiet", CallResult.Hold.NONE, 17));

        Metrics m = Measurements.of(o.observed());

        assertThat(value(m, Metrics.HOLDS_PLANNED)).isEqualTo(2);
        assertThat(value(m, Metrics.HELD_CALLS)).isEqualTo(2);
        assertThat(value(m, Metrics.HELD_CALLS_RESUMED)).as("10 packets (0.2 s) is not audio back").isEqualTo(1);
        assertThat(value(m, Metrics.HELD_AUDIO_PACKETS)).isEqualTo(3);
        assertThat(value(m, Metrics.COMFORT_NOISE_CALLS)).isEqualTo(1);
    }

    @Test
    void aHoldTheFarEndRefusedIsNoHeldCallAndNothingHeldIsMeasuredAsZero() {
        Metrics refused = Measurements.of(quiet().hold("held", 2, false, false).observed());
        Metrics none = Measurements.of(quiet().observed());

        assertThat(value(refused, Metrics.HOLDS_PLANNED)).isEqualTo(1);
        assertThat(value(refused, Metrics.HELD_CALLS)).isZero();
        assertThat(value(none, Metrics.HELD_CALLS)).as("the hold step found no call up").isZero();
        assertThat(value(none, Metrics.COMFORT_NOISE_CALLS)).isZero();
    }

    private static CallResult result(String callId, CallResult.Hold hold, long comfortNoise) {
        String peer = comfortNoise > 0 ? BuiltInSuite.EXTERNAL_QUIET : BuiltInSuite.EXTERNAL;
        return new CallResult(callId, CallResult.Direction.OUTGOING, peer, Optional.of(Duration.ofMillis(100)), 200,
                Optional.empty(), Duration.ofSeconds(9), CallResult.EndedBy.LOCAL, Optional.empty(), true, 450, hold,
                comfortNoise);
    }
}
