package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionState.ACCEPTED;
import static dev.lifeline.sip.transaction.TransactionState.COMPLETED;
import static dev.lifeline.sip.transaction.TransactionState.CONFIRMED;
import static dev.lifeline.sip.transaction.TransactionState.PROCEEDING;

import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.SendTrying;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.AckReceived;
import dev.lifeline.sip.transaction.Event.RequestReceived;
import dev.lifeline.sip.transaction.Event.TimerFired;
import dev.lifeline.sip.transaction.Event.TransportError;
import dev.lifeline.sip.transaction.Event.TuResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * INVITE server transaction: RFC 3261 §17.2.1 (figure 7) as corrected by RFC 6026 §8.5–8.7.
 *
 * <p>100 Trying is sent by the transaction after {@link TimerName#TRYING} (200 ms) if the TU
 * has sent nothing by then, not immediately: a local UAS that answers 180 at once saves a
 * packet, while a proxy waiting on DNS still quenches the caller's Timer A in time. A
 * retransmitted INVITE arriving before that sends the 100 at once, because the caller is
 * evidently retransmitting already.
 *
 * <p>After a 2xx the transaction stays in Accepted for Timer L, absorbing retransmitted INVITEs
 * (which RFC 3261 alone would take for new requests), sending the TU's 2xx retransmissions and
 * passing ACKs to the TU. A transport error is reported to the TU but does not end the
 * transaction (RFC 6026 §8.7): its timers do, and until then retransmissions are absorbed.
 *
 * @param timerG            the interval Timer G was last started with; doubles up to T2
 * @param provisionalSent   whether any 1xx (ours or the TU's) has been sent
 */
public record InviteServer(
        TransactionState state, TimerConfig config, boolean reliable, Map<TimerName, Instant> timers,
        Duration timerG, boolean provisionalSent)
        implements TransactionMachine {

    static Step start(TimerConfig config, boolean reliable, Instant now) {
        StepBuilder b = StepBuilder.initial(PROCEEDING, now)
                .start(TimerName.TRYING, TimerConfig.TRYING_DELAY)
                .emit(new PassToTu());
        return new Step(new InviteServer(b.state(), config, reliable, b.timers(), config.t1(), false), b.actions());
    }

    @Override
    public Step next(Event event, Instant now) {
        if (terminated()) {
            return Step.nothing(this);
        }
        StepBuilder b = new StepBuilder(state, timers, now);
        Duration g = timerG;
        boolean provisional = provisionalSent;
        switch (event) {
            case TuResponse r -> provisional |= onTuResponse(b, r.status());
            case RequestReceived r -> provisional |= onRetransmission(b);
            case AckReceived a -> onAck(b);
            case TimerFired f when b.fired(f.timer()) -> {
                g = onTimer(b, f.timer());
                provisional |= f.timer() == TimerName.TRYING;
            }
            case TransportError t -> {
                if (state != CONFIRMED) {
                    b.emit(new NotifyTransportError());
                }
            }
            default -> {
                return Step.nothing(this);
            }
        }
        return new Step(new InviteServer(b.state(), config, reliable, b.timers(), g, provisional), b.actions());
    }

    /** Returns whether a provisional response went out. */
    private boolean onTuResponse(StepBuilder b, int status) {
        if (state == ACCEPTED) {
            if (Status.success(status)) {
                b.emit(new Transmit()); // the TU's own 2xx retransmission (§13.3.1.4)
            }
            return false;
        }
        if (state != PROCEEDING) {
            return false; // a final response was already sent; later ones are discarded
        }
        b.cancel(TimerName.TRYING).emit(new Transmit());
        if (Status.success(status)) {
            b.moveTo(ACCEPTED).start(TimerName.L, config.transactionTimeout());
        } else if (Status.failure(status)) {
            b.moveTo(COMPLETED);
            if (!reliable) {
                b.start(TimerName.G, config.t1());
            }
            // A challenge is answered at once by a real client (ACK, then a new INVITE with
            // credentials); retransmitting it for 32 s only serves a spoofed INVITE's reflection.
            b.start(TimerName.H, Status.challenge(status) ? config.challengeTimerH() : config.transactionTimeout());
        }
        return Status.provisional(status);
    }

    private boolean onRetransmission(StepBuilder b) {
        if (state == PROCEEDING && !provisionalSent) {
            b.cancel(TimerName.TRYING).emit(new SendTrying());
            return true;
        }
        if (state == PROCEEDING || state == COMPLETED) {
            b.emit(new Retransmit());
        }
        return false; // Confirmed and Accepted absorb it
    }

    private void onAck(StepBuilder b) {
        if (state == COMPLETED) {
            b.cancel(TimerName.G).cancel(TimerName.H)
                    .lingerOrTerminate(CONFIRMED, TimerName.I, config.lingerForRetransmissions(reliable));
        } else if (state == ACCEPTED) {
            b.emit(new PassToTu());
        }
    }

    private Duration onTimer(StepBuilder b, TimerName timer) {
        switch (timer) {
            case TRYING -> b.emit(new SendTrying());
            case G -> {
                Duration next = config.doubledUpToT2(timerG);
                b.emit(new Retransmit()).start(TimerName.G, next);
                return next;
            }
            case H -> b.emit(new NotifyTimeout()).terminate();
            default -> b.terminate(); // I in Confirmed, L in Accepted
        }
        return timerG;
    }
}
