package dev.lifeline.sip.stack;

/**
 * The application above a {@link SipStack}: a registrar, a B2BUA, a lab phone. Called on the
 * stack's single callback thread, one request at a time in arrival order, so it must not block;
 * answering later from another thread through {@link ServerRequest#respond} is fine.
 *
 * <p>Receives every new request (the transaction layer absorbs retransmissions), every ACK that
 * no transaction absorbed (ACKs for 2xx), and every CANCEL after the stack has answered it (see
 * {@link ServerRequest}). Every request but ACK needs a final response sooner or later: the
 * server transaction waits for it and holds its table slot until then. A handler that throws
 * gets its request answered 500.
 */
@FunctionalInterface
public interface RequestHandler {

    void onRequest(ServerRequest request);
}
