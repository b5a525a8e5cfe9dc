package dev.lifeline.sip.stack;

import dev.lifeline.sip.transport.Target;

/**
 * The transaction layer's address type: a {@link Target} for requests we send, the
 * {@link Source} of requests we receive (whose responses are routed by §18.2.2, not by address).
 */
sealed interface Peer permits Peer.Outbound, Source {

    record Outbound(Target target) implements Peer {
    }
}
