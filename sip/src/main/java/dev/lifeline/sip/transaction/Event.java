package dev.lifeline.sip.transaction;

import java.util.Objects;

/**
 * What can happen to a transaction after it started. A machine ignores events that make no
 * sense for its kind (an ACK to a client transaction, say): it answers with no actions rather
 * than throwing, because the wire can always deliver nonsense.
 */
public sealed interface Event {

    /** Client: a response matched this transaction. */
    record ResponseReceived(int status) implements Event {
        public ResponseReceived {
            Status.check(status);
        }
    }

    /** Server: the request that created this transaction arrived again (a retransmission). */
    record RequestReceived() implements Event {
    }

    /** INVITE server: an ACK matched this transaction. */
    record AckReceived() implements Event {
    }

    /** Server: the TU hands over a response to send. */
    record TuResponse(int status) implements Event {
        public TuResponse {
            Status.check(status);
        }
    }

    /** A timer this transaction started has expired. */
    record TimerFired(TimerName timer) implements Event {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The transport could not deliver a message this transaction sent (§17.1.4, §17.2.4). */
    record TransportError() implements Event {
    }
}
