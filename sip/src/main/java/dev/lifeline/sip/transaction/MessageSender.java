package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipMessage;
import java.util.concurrent.CompletionStage;

/**
 * Hands messages to the transport. {@code A} is whatever the transport needs to route them:
 * for a client transaction the destination the TU chose, for a server transaction the source
 * the request came from (so the response follows §18.2.2 back over the same flow).
 */
@FunctionalInterface
public interface MessageSender<A> {

    /**
     * Sends without blocking. Completing exceptionally is a transport error for the transaction
     * (§17.1.4, §17.2.4); it may complete on any thread, including inside this call.
     */
    CompletionStage<?> send(SipMessage message, A destination);
}
