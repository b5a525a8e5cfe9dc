package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionState.COMPLETED;
import static dev.lifeline.sip.transaction.TransactionState.PROCEEDING;
import static dev.lifeline.sip.transaction.TransactionState.TRYING;

import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.RequestReceived;
import dev.lifeline.sip.transaction.Event.TimerFired;
import dev.lifeline.sip.transaction.Event.TransportError;
import dev.lifeline.sip.transaction.Event.TuResponse;
import java.time.Instant;
import java.util.Map;

/**
 * Non-INVITE server transaction: RFC 3261 §17.2.2 (figure 8). It never sends 100 Trying on
 * its own: RFC 4320 §4.1 forbids a 100 to a non-INVITE before 200 ms, and the TU answers
 * non-INVITEs quickly.
 */
public record NonInviteServer(
        TransactionState state, TimerConfig config, boolean reliable, Map<TimerName, Instant> timers)
        implements TransactionMachine {

    static Step start(TimerConfig config, boolean reliable, Instant now) {
        StepBuilder b = StepBuilder.initial(TRYING, now).emit(new PassToTu());
        return new Step(new NonInviteServer(b.state(), config, reliable, b.timers()), b.actions());
    }

    @Override
    public Step next(Event event, Instant now) {
        if (terminated()) {
            return Step.nothing(this);
        }
        StepBuilder b = new StepBuilder(state, timers, now);
        switch (event) {
            case TuResponse r -> onTuResponse(b, r.status());
            case RequestReceived r -> {
                // Absorbed while Trying (nothing to resend yet); otherwise resend the last response.
                if (state != TRYING) {
                    b.emit(new Retransmit());
                }
            }
            case TimerFired f when b.fired(f.timer()) -> b.terminate(); // J
            case TransportError t -> {
                if (state != TRYING) {
                    b.emit(new NotifyTransportError()).terminate();
                }
            }
            default -> {
                return Step.nothing(this);
            }
        }
        return new Step(new NonInviteServer(b.state(), config, reliable, b.timers()), b.actions());
    }

    private void onTuResponse(StepBuilder b, int status) {
        if (state == COMPLETED) {
            return; // the final response was sent; the TU may not send another
        }
        b.emit(new Transmit());
        if (Status.provisional(status)) {
            b.moveTo(PROCEEDING);
        } else {
            b.lingerOrTerminate(COMPLETED, TimerName.J, config.timerJ(reliable));
        }
    }
}
