package dev.lifeline.sip.transaction;

import java.util.List;
import java.util.Objects;

/** The outcome of one transition: the machine's new value and the actions, in order. */
public record Step(TransactionMachine machine, List<Action> actions) {

    public Step {
        Objects.requireNonNull(machine, "machine");
        actions = List.copyOf(actions);
    }

    static Step nothing(TransactionMachine machine) {
        return new Step(machine, List.of());
    }
}
