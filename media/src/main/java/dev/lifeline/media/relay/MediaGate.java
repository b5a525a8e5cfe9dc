package dev.lifeline.media.relay;

import java.net.InetSocketAddress;

/**
 * Whether one relay packet may pass, asked for every packet a relay socket receives or sends,
 * with the socket's local address, the session's id (the call's Call-ID) and the way it goes. The gateway's fault
 * injector uses it to cut a WAN path (every socket on the path's address) or to lose a share of
 * one test call's packets; nothing else is affected. Called on event loops for every packet: it
 * must be cheap and thread-safe.
 */
@FunctionalInterface
public interface MediaGate {

    /** Lets everything through. */
    MediaGate OPEN = (local, session, inbound) -> true;

    /** @param inbound true for a packet received on the socket, false for one about to be sent from it */
    boolean passes(InetSocketAddress local, String session, boolean inbound);
}
