package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionState.ACCEPTED;
import static dev.lifeline.sip.transaction.TransactionState.CALLING;
import static dev.lifeline.sip.transaction.TransactionState.COMPLETED;
import static dev.lifeline.sip.transaction.TransactionState.PROCEEDING;

import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.SendAck;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.ResponseReceived;
import dev.lifeline.sip.transaction.Event.TimerFired;
import dev.lifeline.sip.transaction.Event.TransportError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * INVITE client transaction: RFC 3261 §17.1.1 (figure 5) as corrected by RFC 6026 §8.4. A 2xx
 * leads to Accepted rather than Terminated, so that retransmitted 2xx (and 2xx from other
 * forks) still reach the TU, which acknowledges each one itself.
 *
 * @param timerA the interval Timer A was last started with; it doubles without cap (§17.1.1.2)
 */
public record InviteClient(
        TransactionState state, TimerConfig config, boolean reliable, Map<TimerName, Instant> timers, Duration timerA)
        implements TransactionMachine {

    static Step start(TimerConfig config, boolean reliable, Instant now) {
        return start(config, reliable, now, config.transactionTimeout());
    }

    /**
     * @param timerB how long the transaction waits in Calling for any response: 64*T1 by
     *               default (§17.1.1.2); shorter when the TU has another target to try (RFC 3263
     *               §4.3) and would rather not wait 32 s on a server that never answers
     */
    static Step start(TimerConfig config, boolean reliable, Instant now, Duration timerB) {
        if (timerB.isNegative() || timerB.isZero()) {
            throw new IllegalArgumentException("Timer B must be positive, was " + timerB);
        }
        StepBuilder b = StepBuilder.initial(CALLING, now).emit(new Transmit());
        if (!reliable) {
            b.start(TimerName.A, config.t1());
        }
        b.start(TimerName.B, timerB);
        return new Step(new InviteClient(b.state(), config, reliable, b.timers(), config.t1()), b.actions());
    }

    @Override
    public Step next(Event event, Instant now) {
        if (terminated()) {
            return Step.nothing(this);
        }
        StepBuilder b = new StepBuilder(state, timers, now);
        Duration a = timerA;
        switch (event) {
            case ResponseReceived r -> onResponse(b, r.status());
            case TimerFired f when b.fired(f.timer()) -> a = onTimer(b, f.timer());
            case TransportError e -> onTransportError(b);
            default -> {
                return Step.nothing(this);
            }
        }
        return new Step(new InviteClient(b.state(), config, reliable, b.timers(), a), b.actions());
    }

    private void onResponse(StepBuilder b, int status) {
        switch (state) {
            case CALLING, PROCEEDING -> awaitingFinal(b, status);
            case COMPLETED -> {
                // A retransmitted final response means our ACK was lost: send it again (§17.1.1.2).
                if (Status.failure(status)) {
                    b.emit(new SendAck());
                }
            }
            case ACCEPTED -> {
                if (Status.success(status)) {
                    b.emit(new PassToTu());
                }
            }
            default -> { }
        }
    }

    private void awaitingFinal(StepBuilder b, int status) {
        if (Status.provisional(status)) {
            // A provisional stops retransmission and, as figure 5 shows, Timer B: ringing may last.
            b.cancel(TimerName.A).cancel(TimerName.B).moveTo(PROCEEDING).emit(new PassToTu());
        } else if (Status.success(status)) {
            b.cancel(TimerName.A).cancel(TimerName.B).moveTo(ACCEPTED)
                    .start(TimerName.M, config.transactionTimeout()).emit(new PassToTu());
        } else {
            b.cancel(TimerName.A).cancel(TimerName.B).emit(new SendAck()).emit(new PassToTu())
                    .lingerOrTerminate(COMPLETED, TimerName.D, config.timerD(reliable));
        }
    }

    private Duration onTimer(StepBuilder b, TimerName timer) {
        switch (timer) {
            case A -> {
                Duration doubled = timerA.multipliedBy(2);
                b.emit(new Retransmit()).start(TimerName.A, doubled);
                return doubled;
            }
            case B -> b.emit(new NotifyTimeout()).terminate();
            default -> b.terminate(); // D in Completed, M in Accepted
        }
        return timerA;
    }

    private void onTransportError(StepBuilder b) {
        // In Accepted the transaction sends nothing; the 2xx ACK is the TU's own message.
        if (state != ACCEPTED) {
            b.emit(new NotifyTransportError()).terminate();
        }
    }
}
