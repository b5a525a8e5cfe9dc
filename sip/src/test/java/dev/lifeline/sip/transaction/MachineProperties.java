package dev.lifeline.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever the wire and the TU throw at a transaction, in any order: it never throws, goes
 * silent once terminated, and leaves no timer running behind it.
 */
class MachineProperties {

    @Test
    void machinesStayWellBehavedUnderAnyEventSequence() {
        qt().withExamples(2_000).withFixedSeed(0x7C_0001L)
                .forAll(Generate.enumValues(TransactionKind.class), booleans().all(), events())
                .checkAssert(MachineProperties::wellBehaved);
    }

    private static void wellBehaved(TransactionKind kind, boolean reliable, List<Event> events) {
        Instant now = Instant.EPOCH;
        Step step = kind.start(TimerConfig.DEFAULT, reliable, now);
        Set<TimerName> running = EnumSet.noneOf(TimerName.class);
        boolean terminated = account(step, running, false);

        for (Event event : events) {
            now = now.plusMillis(137);
            if (event instanceof Event.TimerFired f && running.contains(f.timer())) {
                running.remove(f.timer());
            }
            step = step.machine().next(event, now);
            if (terminated) {
                assertThat(step.actions()).as("actions after Terminated").isEmpty();
            }
            terminated = account(step, running, terminated);
            assertThat(step.machine().timers().keySet()).as("machine's own timer view").isEqualTo(running);
        }
    }

    /** Applies a step's timer actions to the model; returns whether the machine has terminated. */
    private static boolean account(Step step, Set<TimerName> running, boolean wasTerminated) {
        List<Action> actions = step.actions();
        for (int i = 0; i < actions.size(); i++) {
            switch (actions.get(i)) {
                case Action.StartTimer s -> running.add(s.timer());
                case Action.CancelTimer c -> assertThat(running.remove(c.timer()))
                        .as("cancelled a timer that was not running: " + c.timer()).isTrue();
                case Action.Terminated t -> {
                    assertThat(i).as("Terminated is the last action").isEqualTo(actions.size() - 1);
                    assertThat(running).as("timers left running at termination").isEmpty();
                }
                default -> { }
            }
        }
        boolean terminated = wasTerminated || actions.stream().anyMatch(Action.Terminated.class::isInstance);
        assertThat(step.machine().terminated()).isEqualTo(terminated);
        return terminated;
    }

    /** Up to 40 events; timers fire twice as often as any other kind of event. */
    private static Gen<List<Event>> events() {
        Gen<Integer> status = Generate.oneOf(
                Generate.pick(List.of(100, 180, 183, 200, 202, 302, 401, 486, 503, 603)),
                integers().between(100, 699));
        Gen<Event> event = Generate.oneOf(
                status.map(Event.ResponseReceived::new),
                status.map(Event.TuResponse::new),
                Generate.constant(new Event.RequestReceived()),
                Generate.constant(new Event.AckReceived()),
                Generate.constant(new Event.TransportError()),
                Generate.enumValues(TimerName.class).map(Event.TimerFired::new),
                Generate.enumValues(TimerName.class).map(Event.TimerFired::new));
        return lists().of(event).ofSizeBetween(0, 40);
    }

    @Test
    void timerConfigDerivesEveryTimerFromT1() {
        qt().withExamples(200).withFixedSeed(0x7C_0002L)
                .forAll(longs().between(50, 3_000))
                .checkAssert(t1 -> {
                    TimerConfig config = new TimerConfig(Duration.ofMillis(t1), Duration.ofMillis(t1 * 8), Duration.ofSeconds(5));

                    assertThat(config.transactionTimeout()).isEqualTo(Duration.ofMillis(64 * t1));
                    assertThat(config.timerD(false)).isGreaterThanOrEqualTo(Duration.ofSeconds(32));
                    assertThat(config.timerD(true)).isZero();
                });
    }

}
