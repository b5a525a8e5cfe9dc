package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionState.COMPLETED;
import static dev.lifeline.sip.transaction.TransactionState.PROCEEDING;
import static dev.lifeline.sip.transaction.TransactionState.TRYING;

import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.ResponseReceived;
import dev.lifeline.sip.transaction.Event.TimerFired;
import dev.lifeline.sip.transaction.Event.TransportError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Non-INVITE client transaction: RFC 3261 §17.1.2 (figure 6).
 *
 * @param timerE the interval Timer E was last started with; doubles up to T2 while Trying,
 *               and is T2 once a provisional arrived (§17.1.2.2)
 */
public record NonInviteClient(
        TransactionState state, TimerConfig config, boolean reliable, Map<TimerName, Instant> timers, Duration timerE)
        implements TransactionMachine {

    static Step start(TimerConfig config, boolean reliable, Instant now) {
        StepBuilder b = StepBuilder.initial(TRYING, now).emit(new Transmit());
        if (!reliable) {
            b.start(TimerName.E, config.t1());
        }
        b.start(TimerName.F, config.transactionTimeout());
        return new Step(new NonInviteClient(b.state(), config, reliable, b.timers(), config.t1()), b.actions());
    }

    @Override
    public Step next(Event event, Instant now) {
        if (terminated()) {
            return Step.nothing(this);
        }
        StepBuilder b = new StepBuilder(state, timers, now);
        Duration e = timerE;
        switch (event) {
            case ResponseReceived r -> onResponse(b, r.status());
            case TimerFired f when b.fired(f.timer()) -> e = onTimer(b, f.timer());
            case TransportError t -> {
                if (state != COMPLETED) {
                    b.emit(new NotifyTransportError()).terminate();
                }
            }
            default -> {
                return Step.nothing(this);
            }
        }
        return new Step(new NonInviteClient(b.state(), config, reliable, b.timers(), e), b.actions());
    }

    private void onResponse(StepBuilder b, int status) {
        if (state == COMPLETED) {
            return; // retransmitted responses are absorbed while Timer K runs
        }
        b.emit(new PassToTu());
        if (Status.provisional(status)) {
            b.moveTo(PROCEEDING);
        } else {
            b.cancel(TimerName.E).cancel(TimerName.F)
                    .lingerOrTerminate(COMPLETED, TimerName.K, config.lingerForRetransmissions(reliable));
        }
    }

    private Duration onTimer(StepBuilder b, TimerName timer) {
        switch (timer) {
            case E -> {
                Duration next = state == PROCEEDING ? config.t2() : config.doubledUpToT2(timerE);
                b.emit(new Retransmit()).start(TimerName.E, next);
                return next;
            }
            case F -> b.emit(new NotifyTimeout()).terminate();
            default -> b.terminate(); // K in Completed
        }
        return timerE;
    }
}
