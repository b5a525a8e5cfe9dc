package dev.lifeline.sip.transaction;

import java.time.Instant;
import java.util.Map;

/**
 * One transaction's state as an immutable value, and the pure function that moves it on:
 * {@code (state, event, now) -> (state, actions)}. No I/O, no clock reads, no threads; the
 * {@link TransactionLayer} performs the actions. {@code now} stamps the deadline of every
 * timer started, so a machine can be inspected (and tested) for what it is waiting for.
 */
public sealed interface TransactionMachine permits InviteClient, NonInviteClient, InviteServer, NonInviteServer {

    TransactionState state();

    /** Running timers and when they are due. Empty once terminated. */
    Map<TimerName, Instant> timers();

    /** Whether this transaction was created for a reliable transport (TCP, TLS, SCTP, WS). */
    boolean reliable();

    /** The next state and what to do. After termination every event yields no actions. */
    Step next(Event event, Instant now);

    default boolean terminated() {
        return state() == TransactionState.TERMINATED;
    }
}
