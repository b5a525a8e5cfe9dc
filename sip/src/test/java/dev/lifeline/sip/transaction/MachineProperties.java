package dev.lifeline.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the wire and the TU throw at a transaction, in any order: it never throws, goes
 * silent once terminated, and leaves no timer running behind it.
 */
class MachineProperties {

    @Property(tries = 2_000)
    void machinesStayWellBehavedUnderAnyEventSequence(
            @ForAll TransactionKind kind, @ForAll boolean reliable, @ForAll("events") List<Event> events) {
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

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Integer> status = Arbitraries.oneOf(
                Arbitraries.of(100, 180, 183, 200, 202, 302, 401, 486, 503, 603),
                Arbitraries.integers().between(100, 699));
        Arbitrary<Event> event = Arbitraries.oneOf(
                status.map(Event.ResponseReceived::new),
                status.map(Event.TuResponse::new),
                Arbitraries.just(new Event.RequestReceived()),
                Arbitraries.just(new Event.AckReceived()),
                Arbitraries.just(new Event.TransportError()),
                Arbitraries.of(TimerName.class).map(Event.TimerFired::new),
                Arbitraries.of(TimerName.class).map(Event.TimerFired::new));
        return event.list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void timerConfigDerivesEveryTimerFromT1(@ForAll("t1Millis") long t1) {
        TimerConfig config = new TimerConfig(Duration.ofMillis(t1), Duration.ofMillis(t1 * 8), Duration.ofSeconds(5));

        assertThat(config.transactionTimeout()).isEqualTo(Duration.ofMillis(64 * t1));
        assertThat(config.timerD(false)).isGreaterThanOrEqualTo(Duration.ofSeconds(32));
        assertThat(config.timerD(true)).isZero();
    }

    @Provide
    Arbitrary<Long> t1Millis() {
        return Arbitraries.longs().between(50, 3_000);
    }

}
