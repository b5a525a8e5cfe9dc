package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * What a machine asks its driver to do. The machine never holds messages: the driver knows
 * which message an action refers to (the request it sent, the response in hand, the last
 * response sent), which keeps the machines free of I/O and trivially comparable in tests.
 */
public sealed interface Action {

    /**
     * Send the message in hand: the request when a client transaction starts, the TU's
     * response for a server transaction. The driver remembers it for {@link Retransmit}.
     */
    record Transmit() implements Action {
    }

    /** Send the last transmitted message again (request for a client, response for a server). */
    record Retransmit() implements Action {
    }

    /** INVITE server: send a 100 Trying built from the request (§17.2.1, §8.2.6.1). */
    record SendTrying() implements Action {
    }

    /** INVITE client: send the ACK for the non-2xx final response in hand (§17.1.1.3). */
    record SendAck() implements Action {
    }

    /** Hand the message in hand to the TU: a response (client), the request or an ACK (server). */
    record PassToTu() implements Action {
    }

    /** Start a timer, replacing a running timer of the same name. */
    record StartTimer(TimerName timer, Duration delay) implements Action {
        public StartTimer {
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Stop a running timer; a firing already on its way must be ignored by the driver. */
    record CancelTimer(TimerName timer) implements Action {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Tell the TU the transaction timed out (Timer B, F or H). */
    record NotifyTimeout() implements Action {
    }

    /** Tell the TU the transport failed (§17.1.4, §17.2.4). */
    record NotifyTransportError() implements Action {
    }

    /** The transaction is over; the driver removes it. Always the last action of its step. */
    record Terminated() implements Action {
    }
}
