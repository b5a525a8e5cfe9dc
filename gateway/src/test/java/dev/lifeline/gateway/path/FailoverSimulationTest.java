package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PolicyAction.SwitchActive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failover policy against simulated links (50 probes/s, seeded random, fake clock): wan1
 * (preferred) is impaired as the row says, wan2 is clean unless the row says otherwise.
 */
class FailoverSimulationTest {

    private static final FailoverSettings DEFAULT = FailoverSettings.DEFAULT;
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final Duration AT_30S = Duration.ofSeconds(30);

    record Row(String name, FailoverSettings settings, Link wan1, Link wan2, Duration length, Consumer<Simulation.Result> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("clean links: no failover in 10 min", DEFAULT, Link.clean(), Link.clean(), TEN_MINUTES,
                        FailoverSimulationTest::noFailover),
                row("total loss: down within 1 s, traffic on wan2", DEFAULT,
                        Link.clean().from(AT_30S, (at, r) -> Optional.empty()), Link.clean(), Duration.ofSeconds(40),
                        r -> {
                            Duration down = r.first("wan1", "down", AT_30S).orElseThrow();
                            assertThat(down).isLessThanOrEqualTo(AT_30S.plusSeconds(1));
                            assertThat(r.pathEvents("wan1").getLast().reason()).isEqualTo("quality probes silent for 600 ms");
                            assertThat(r.failovers()).hasSize(1);
                            assertThat(r.failovers().getFirst().at()).isEqualTo(down);
                            assertThat(r.end().active()).contains("wan2");
                        }),
                row("1 % random loss: no failover in 10 min", DEFAULT, Link.randomLoss(1), Link.clean(), TEN_MINUTES,
                        FailoverSimulationTest::noFailover),
                row("3 % random loss: no failover in 10 min", DEFAULT, Link.randomLoss(3), Link.clean(), TEN_MINUTES,
                        FailoverSimulationTest::noFailover),
                // G.711+PLC at 10 % random loss rates R about 66 (G.107/G.113: Ie,eff = 95·10/(10+25.1)),
                // below the default floor of 70 (and a 5 s window of it swings between 58 and 70); with a
                // floor of 50 no detector may trip.
                row("10 % random loss, floor 50: no failover in 10 min", withFloor(50), Link.randomLoss(10),
                        Link.clean(), TEN_MINUTES, FailoverSimulationTest::noFailover),
                row("10 % random loss, default floor 70: quality failover, never a silence one", DEFAULT,
                        Link.randomLoss(10), Link.clean(), Duration.ofMinutes(2),
                        r -> {
                            assertThat(r.pathEvents("wan1").get(1).reason()).matches("R \\d+ below floor 70 for 5 s");
                            assertThat(r.end().active()).contains("wan2");
                        }),
                row("bursty loss (Gilbert-Elliott, bursts of 2 packets, 2 % loss): no failover in 10 min", DEFAULT,
                        Link.gilbertElliott(0.01, 0.5), Link.clean(), TEN_MINUTES, FailoverSimulationTest::noFailover),
                row("high jitter: R below floor, failover after the floor window", DEFAULT,
                        Link.clean().from(AT_30S, Link.jitter(Duration.ofMillis(400))), Link.clean(),
                        Duration.ofSeconds(60),
                        r -> {
                            Duration down = r.first("wan1", "down", AT_30S).orElseThrow();
                            assertThat(down).isBetween(AT_30S.plusSeconds(5), AT_30S.plusSeconds(12));
                            assertThat(r.pathEvents("wan1").get(1).reason()).matches("R \\d+ below floor 70 for 5 s");
                            assertThat(r.failovers()).hasSize(1);
                        }),
                row("300 ms hiccup every 20 s: no failover in 10 min", DEFAULT,
                        Link.clean().flapping(AT_30S, Duration.ofMillis(300), Duration.ofMillis(19_700)), Link.clean(),
                        TEN_MINUTES, FailoverSimulationTest::noFailover),
                row("flapping wan1 (down 2 s, up 12 s): switches bounded, never on a down path", DEFAULT,
                        Link.clean().flapping(AT_30S, Duration.ofSeconds(2), Duration.ofSeconds(12)), Link.clean(),
                        Duration.ofMinutes(30),
                        r -> {
                            assertThat(r.maxPathSwitchesIn(DEFAULT.switchWindow())).isLessThanOrEqualTo(DEFAULT.maxSwitches());
                            assertThat(r.failovers()).hasSizeGreaterThan(DEFAULT.maxSwitches()); // damping lets go again later
                            neverOnADownPath(r);
                        }),
                row("both paths down: survival mode, then wan2 in use as soon as it is healthy, up after its hold-down",
                        DEFAULT, Link.clean().from(AT_30S, (at, r) -> Optional.empty()),
                        Link.clean().blackout(Duration.ofSeconds(40), Duration.ofSeconds(20)), Duration.ofSeconds(90),
                        r -> {
                            assertThat(r.events()).filteredOn(e -> e instanceof Event.SurvivalModeChanged)
                                    .extracting(e -> ((Event.SurvivalModeChanged) e).active())
                                    .containsExactly(true, false);
                            Duration on = survival(r, true);
                            Duration off = survival(r, false);
                            assertThat(on).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41));
                            // wan2 back at 60 s: recovering (and in use, the only working path) within a probe round
                            Duration recovering = r.first("wan2", "recovering", Duration.ofSeconds(60)).orElseThrow();
                            assertThat(off).isEqualTo(recovering).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
                            // ... and up after the 10 s hold-down, with no further switch
                            Duration up = r.first("wan2", "up", Duration.ofSeconds(60)).orElseThrow();
                            assertThat(up.minus(recovering)).isBetween(DEFAULT.holdDown(), DEFAULT.holdDown().plusMillis(50));
                            assertThat(r.switches()).extracting(t -> ((SwitchActive) t.action()).to())
                                    .containsExactly(Optional.of("wan1"), Optional.of("wan2"), Optional.empty(),
                                            Optional.of("wan2"));
                            assertThat(r.end().active()).contains("wan2");
                        }),
                row("both paths down, the preferred one back first: in use at once, no switch when its hold-down ends",
                        DEFAULT, Link.clean().blackout(AT_30S, Duration.ofSeconds(30)),
                        Link.clean().from(Duration.ofSeconds(35), (at, r) -> Optional.empty()), Duration.ofSeconds(90),
                        r -> {
                            Duration back = r.first("wan1", "recovering", AT_30S).orElseThrow();
                            assertThat(survival(r, false)).isEqualTo(back).isBetween(Duration.ofSeconds(60),
                                    Duration.ofSeconds(62));
                            assertThat(r.switches()).extracting(t -> ((SwitchActive) t.action()).to())
                                    .containsExactly(Optional.of("wan1"), Optional.of("wan2"), Optional.empty(),
                                            Optional.of("wan1"));
                            assertThat(r.end().active()).contains("wan1");
                        }),
                row("only working path recovering while a worse one is down: it is used, then a better one up preempts",
                        DEFAULT, Link.clean().blackout(AT_30S, Duration.ofSeconds(20)),
                        Link.clean().blackout(Duration.ofSeconds(31), Duration.ofSeconds(14)), Duration.ofSeconds(90),
                        r -> {
                            // wan2 (worse) recovers at ~45 s and carries traffic; wan1 recovers at ~50 s but,
                            // recovering itself, cannot take over until its hold-down ends (~60 s).
                            Duration wan2Back = r.first("wan2", "recovering", AT_30S).orElseThrow();
                            Duration wan1Up = r.first("wan1", "up", AT_30S).orElseThrow();
                            assertThat(survival(r, false)).isEqualTo(wan2Back);
                            assertThat(r.switches()).extracting(t -> ((SwitchActive) t.action()).to())
                                    .containsExactly(Optional.of("wan1"), Optional.of("wan2"), Optional.empty(),
                                            Optional.of("wan2"), Optional.of("wan1"));
                            assertThat(r.switches().getLast().at()).isEqualTo(wan1Up);
                        }),
                row("recovery: hold-down, then preemptive failback", DEFAULT,
                        Link.clean().blackout(AT_30S, Duration.ofSeconds(10)), Link.clean(), Duration.ofSeconds(70),
                        r -> {
                            assertThat(r.pathEvents("wan1")).extracting(Event.PathStateChanged::state)
                                    .containsExactly("up", "down", "recovering", "up");
                            Duration recovering = r.first("wan1", "recovering", AT_30S).orElseThrow();
                            Duration up = r.first("wan1", "up", AT_30S).orElseThrow();
                            assertThat(recovering).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(42));
                            assertThat(up.minus(recovering)).isBetween(DEFAULT.holdDown(), DEFAULT.holdDown().plusMillis(50));
                            assertThat(r.failovers()).hasSize(2);
                            assertThat(r.failovers().get(1).at()).isEqualTo(up);
                            assertThat(r.end().active()).contains("wan1");
                        }),
                row("recovery, non-preemptive: stays on wan2", nonPreemptive(),
                        Link.clean().blackout(AT_30S, Duration.ofSeconds(10)), Link.clean(), Duration.ofSeconds(70),
                        r -> {
                            assertThat(r.pathEvents("wan1")).extracting(Event.PathStateChanged::state)
                                    .containsExactly("up", "down", "recovering", "up");
                            assertThat(r.failovers()).hasSize(1);
                            assertThat(r.end().active()).contains("wan2");
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void scenario(Row row) {
        Simulation.Result result = new Simulation(row.settings(), 42)
                .path("wan1", row.wan1())
                .path("wan2", row.wan2())
                .run(row.length());
        try {
            row.check().accept(result);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nevents:\n" + result.describe(), e);
        }
    }

    private static Arguments row(String name, FailoverSettings s, Link wan1, Link wan2, Duration length,
                                 Consumer<Simulation.Result> check) {
        return Arguments.of(new Row(name, s, wan1, wan2, length, check));
    }

    private static void noFailover(Simulation.Result r) {
        assertThat(r.failovers()).isEmpty();
        assertThat(r.pathEvents("wan1")).extracting(Event.PathStateChanged::state).containsExactly("up");
        assertThat(r.end().active()).contains("wan1");
    }

    private static void neverOnADownPath(Simulation.Result r) {
        // Replays the events: whenever the active path is reported down, the same instant moves away.
        String active = "wan1";
        List<Event> events = r.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.ActivePathChanged a) {
                active = a.to();
            }
            if (events.get(i) instanceof Event.PathStateChanged p && p.path().equals(active) && p.state().equals("down")) {
                Event next = events.stream().skip(i + 1).filter(e -> e instanceof Event.ActivePathChanged).findFirst().orElseThrow();
                assertThat(next.at()).isEqualTo(p.at());
            }
        }
    }

    private static Duration survival(Simulation.Result r, boolean on) {
        return r.events().stream().filter(e -> e instanceof Event.SurvivalModeChanged s && s.active() == on)
                .map(e -> Duration.between(Simulation.T0, e.at())).findFirst().orElseThrow();
    }

    private static FailoverSettings withFloor(int floor) {
        FailoverSettings d = DEFAULT;
        return new FailoverSettings(d.probeInterval(), d.probeTimeout(), d.silenceWindow(), d.optionsFailuresToDown(),
                floor, d.floorWindow(), d.holdDown(), d.preemptiveFailback(), d.maxSwitches(), d.switchWindow());
    }

    private static FailoverSettings nonPreemptive() {
        FailoverSettings d = DEFAULT;
        return new FailoverSettings(d.probeInterval(), d.probeTimeout(), d.silenceWindow(), d.optionsFailuresToDown(),
                d.rFloor(), d.floorWindow(), d.holdDown(), false, d.maxSwitches(), d.switchWindow());
    }
}
