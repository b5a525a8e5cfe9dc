package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;

/**
 * The TU (RFC 3261 §5, §17): the UA core or proxy core above the transactions. Callbacks run
 * one at a time while the layer holds its lock; they may call back into the layer (those calls
 * take effect right after the callback returns) but must not block.
 */
public interface TransactionUser<A> {

    /** A new request; a server transaction now exists under {@code key}: answer via respond(). */
    void onRequest(TransactionKey key, SipRequest request, A source);

    /**
     * An ACK that belongs to no transaction the layer must handle itself: the ACK for a 2xx,
     * which the UA core matches to its dialog (§13.3.1.4, RFC 6026 §8.7).
     */
    void onAck(SipRequest ack, A source);

    /** A response for the client transaction under {@code key}, including every 2xx. */
    void onResponse(TransactionKey key, SipResponse response);

    /** A response that matched no client transaction (§18.1.2): a late 2xx, or noise. */
    void onStrayResponse(SipResponse response, A source);

    /** Timer B, F or H fired: no (final) response, or no ACK. */
    void onTimeout(TransactionKey key);

    /** The transport failed to send for this transaction. */
    void onTransportError(TransactionKey key);
}
