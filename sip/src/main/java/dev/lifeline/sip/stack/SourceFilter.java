package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.SipMessage;
import java.net.InetSocketAddress;

/**
 * Decides, before any parsing into transactions, whether a peer's messages are looked at at
 * all. A refused message is dropped without a response and without a transaction: a banned
 * address that floods requests must not fill the transaction table, which a handler that merely
 * declined to answer would do (a server transaction waits for its final response). Called on
 * I/O threads for every inbound message, so it must be cheap and thread-safe.
 */
@FunctionalInterface
public interface SourceFilter {

    boolean admits(InetSocketAddress remote);

    /**
     * What the stack asks for each inbound message. By default requests and responses alike
     * go by {@link #admits(InetSocketAddress)}; a filter that must still hear the answers to
     * the requests the stack sent itself (a ban on requests only) overrides this.
     */
    default boolean admits(InetSocketAddress remote, SipMessage message) {
        return admits(remote);
    }

    /** Admits everyone. */
    static SourceFilter all() {
        return remote -> true;
    }
}
