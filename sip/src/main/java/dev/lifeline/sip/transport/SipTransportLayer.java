package dev.lifeline.sip.transport;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Moves SIP messages between this node and its peers over UDP, TCP and TLS (RFC 3261 §18).
 * Inbound messages go to the {@link InboundHandler} given at start; malformed ones are answered
 * with 400 or dropped here and counted in {@link #stats()}.
 */
public interface SipTransportLayer extends AutoCloseable {

    /** The sockets listened on, with the ports actually bound (ephemeral ones resolved). */
    List<ListenPoint> listenPoints();

    /**
     * Sends a request (or a response the caller routed itself). UDP leaves from a listening
     * socket, so the peer's reply and its NAT binding come back to it (symmetric signalling,
     * RFC 3581); TCP and TLS reuse an open connection to the same peer, inbound ones included,
     * or open one. Completes when the bytes are written, exceptionally with
     * {@link TransportException} when they cannot be.
     */
    CompletionStage<Sent> send(SipMessage message, Target target);

    /**
     * Sends a response along the route RFC 3261 §18.2.2 and RFC 3581 §4 prescribe, from its
     * top Via and the connection the request arrived on.
     */
    CompletionStage<Sent> sendResponse(SipResponse response, ConnectionId requestConnection);

    /**
     * Sends a CRLFCRLF keepalive ping on a stream connection (RFC 5626 §4.4.1) and completes
     * when the CRLF pong comes back; fails on timeout or when the connection closes first.
     */
    CompletionStage<Void> ping(ConnectionId connection, Duration timeout);

    /**
     * Sends a bare CRLFCRLF keepalive (RFC 5626 §3.5.1) without waiting for a pong: on UDP as one
     * datagram from a listening socket (or the target's flow), which refreshes the NAT binding in
     * front of the peer; on TCP/TLS on the target's open connection. Completes when written.
     */
    CompletionStage<Sent> sendKeepAlive(Target target);

    /** Whether a connection (or UDP listening socket) with this id is still open. */
    boolean isOpen(ConnectionId connection);

    TransportStats stats();

    /** Closes every socket and stops the I/O threads; pending sends fail. */
    @Override
    void close();
}
