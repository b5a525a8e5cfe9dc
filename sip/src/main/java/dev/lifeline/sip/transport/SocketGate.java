package dev.lifeline.sip.transport;

import java.net.InetSocketAddress;

/**
 * Whether a socket's traffic may pass right now, asked by the socket's local address for every
 * datagram or stream read and every write. The gateway's fault injector closes the gate of a WAN
 * path's address to cut the path at its own send and receive points (no root, no firewall). Called
 * on I/O threads for every packet: it must be cheap and thread-safe.
 */
@FunctionalInterface
public interface SocketGate {

    /** Lets everything through. */
    SocketGate OPEN = local -> true;

    boolean passes(InetSocketAddress local);
}
