package dev.lifeline.media.relay;

import java.net.InetAddress;

/**
 * Anchors the media of calls: for each call a {@link RelaySession} with a port pair per leg on
 * the local address the caller chose for that leg (the LAN address toward a phone, a WAN path's
 * address toward the trunk). Methods block briefly while sockets bind, so call them from the
 * signalling side, never from a relay event loop.
 */
public interface MediaRelay extends AutoCloseable {

    /**
     * Opens a session with an RTP/RTCP pair on each leg's local address.
     *
     * @throws PortRangeExhaustedException when a leg's address has no free pair left
     * @throws RelayException              when a socket cannot be bound for another reason
     */
    RelaySession open(String id, InetAddress localA, InetAddress localB, QualityListener listener);

    /** Port pairs currently held on a local address, moved legs' draining pairs included. */
    int pairsInUse(InetAddress local);

    /** Sets the gate every relay socket asks for each packet in and out (see {@link MediaGate}). */
    default void gate(MediaGate gate) {
        throw new UnsupportedOperationException("this relay has no gated sockets");
    }

    /** Closes every session (with final reports) and the event loops. */
    @Override
    void close();
}
