package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scratch space for one transition. It keeps the timer bookkeeping in one place so that no
 * machine can forget the rule the property tests check: whatever is running when the
 * transaction terminates gets cancelled, and Terminated is the last action.
 */
final class StepBuilder {

    private final Instant now;
    private final EnumMap<TimerName, Instant> timers = new EnumMap<>(TimerName.class);
    private final List<Action> actions = new ArrayList<>(4);
    private TransactionState state;

    StepBuilder(TransactionState state, Map<TimerName, Instant> running, Instant now) {
        this.state = state;
        this.now = now;
        this.timers.putAll(running);
    }

    static StepBuilder initial(TransactionState state, Instant now) {
        return new StepBuilder(state, Map.of(), now);
    }

    StepBuilder emit(Action action) {
        actions.add(action);
        return this;
    }

    StepBuilder start(TimerName timer, Duration delay) {
        timers.put(timer, now.plus(delay));
        actions.add(new Action.StartTimer(timer, delay));
        return this;
    }

    StepBuilder cancel(TimerName timer) {
        if (timers.remove(timer) != null) {
            actions.add(new Action.CancelTimer(timer));
        }
        return this;
    }

    /**
     * Accounts for a timer that fired. Returns false for a timer that is not running (a
     * firing that raced with its cancellation), which the machine must then ignore.
     */
    boolean fired(TimerName timer) {
        return timers.remove(timer) != null;
    }

    StepBuilder moveTo(TransactionState next) {
        state = next;
        return this;
    }

    /** Enters Terminated: cancels whatever still runs, then emits Terminated. */
    StepBuilder terminate() {
        for (TimerName timer : List.copyOf(timers.keySet())) {
            cancel(timer);
        }
        state = TransactionState.TERMINATED;
        actions.add(new Action.Terminated());
        return this;
    }

    /**
     * Enters a linger state whose timer may be zero (D, I, J, K on reliable transports): a zero
     * timer means terminate now rather than schedule a no-op.
     */
    StepBuilder lingerOrTerminate(TransactionState linger, TimerName timer, Duration delay) {
        if (delay.isZero()) {
            return terminate();
        }
        return moveTo(linger).start(timer, delay);
    }

    TransactionState state() {
        return state;
    }

    Map<TimerName, Instant> timers() {
        return Collections.unmodifiableMap(new EnumMap<>(timers));
    }

    List<Action> actions() {
        return actions;
    }
}
