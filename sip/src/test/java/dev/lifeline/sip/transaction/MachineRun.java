package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one pure machine on virtual time: fires its timers at the deadlines the machine
 * itself recorded, and logs every action with the virtual time it happened at.
 */
final class MachineRun {

    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    record Timed(Duration at, Action action) {
    }

    private TransactionMachine machine;
    private Instant now = EPOCH;
    private final List<Timed> log = new ArrayList<>();

    private MachineRun(Step first) {
        apply(first);
    }

    static MachineRun start(TransactionKind kind, boolean reliable) {
        return start(kind, reliable, TimerConfig.DEFAULT);
    }

    static MachineRun start(TransactionKind kind, boolean reliable, TimerConfig config) {
        return new MachineRun(kind.start(config, reliable, EPOCH));
    }

    static MachineRun start(TransactionKind kind, boolean reliable, Duration timerB) {
        return new MachineRun(kind.start(TimerConfig.DEFAULT, reliable, EPOCH, timerB));
    }

    /** Delivers an event now; returns the actions it caused. */
    List<Action> on(Event event) {
        return apply(machine.next(event, now));
    }

    /** Moves virtual time forward, firing due timers in deadline order. */
    MachineRun advance(Duration by) {
        Instant until = now.plus(by);
        while (true) {
            Map.Entry<TimerName, Instant> due = machine.timers().entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(until))
                    .min(Map.Entry.comparingByValue())
                    .orElse(null);
            if (due == null) {
                break;
            }
            now = due.getValue();
            apply(machine.next(new Event.TimerFired(due.getKey()), now));
        }
        now = until;
        return this;
    }

    MachineRun advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    TransactionMachine machine() {
        return machine;
    }

    TransactionState state() {
        return machine.state();
    }

    List<Timed> log() {
        return log;
    }

    /** Virtual times (ms since start) at which the given action type was emitted. */
    List<Long> timesOf(Class<? extends Action> type) {
        return log.stream().filter(t -> type.isInstance(t.action())).map(t -> t.at().toMillis()).toList();
    }

    List<Action> actionsSince(int index) {
        return log.subList(index, log.size()).stream().map(Timed::action).toList();
    }

    int mark() {
        return log.size();
    }

    private List<Action> apply(Step step) {
        machine = step.machine();
        Duration at = Duration.between(EPOCH, now);
        step.actions().forEach(a -> log.add(new Timed(at, a)));
        return step.actions();
    }
}
