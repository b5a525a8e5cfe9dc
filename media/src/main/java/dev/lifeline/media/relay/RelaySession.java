package dev.lifeline.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The anchored media of one call: RTP forwarded A→B and B→A, RTCP passed through on the +1
 * ports, quality measured per leg. Thread-safe: calls from signalling threads are handed to the
 * session's event loop.
 */
public interface RelaySession extends AutoCloseable {

    String id();

    /** Where the relay receives this leg's media now: the address for the SDP sent on this leg. */
    LegAddress local(Leg leg);

    /**
     * What this leg's SDP announced. Until the leg's endpoint sends, the relay sends there; a
     * changed address (the call now goes to another endpoint) forgets the latched source. Its
     * IPs become addresses the leg accepts media from (a legacy hold keeps the previous ones).
     */
    void updateRemote(Leg leg, RemoteMedia remote);

    /**
     * The IPs this leg's signalling comes from (the source of the caller's INVITE, the target a
     * callee or provider was reached at), replacing those given before. A leg accepts and
     * latches media only from these and the IPs its SDP declared, any port: a phone behind NAT
     * sends from its public address, not the SDP's. Media from anywhere else is dropped and
     * counted as {@link DropReason#UNEXPECTED_ADDRESS}; until one of the two is known, all of it is.
     */
    void signalledFrom(Leg leg, Set<InetAddress> addresses);

    /** The codec the answer chose, for the quality model; {@link StreamCodec#DEFAULT} until set. */
    void useCodec(StreamCodec codec);

    /**
     * Moves one leg to a new local address (a WAN failover): new ports there, the old pair keeps
     * receiving for the configured drain time so packets already on their way are not lost.
     *
     * @return the new address for the re-INVITE's SDP
     */
    LegAddress moveLeg(Leg leg, InetAddress newLocalAddress);

    /** The source the relay latched on this leg for RTP, once the endpoint has sent. */
    Optional<InetSocketAddress> latchedSource(Leg leg);

    /** Quality of the stream received on this leg, now. */
    LegQuality quality(Leg leg);

    LegCounts counts(Leg leg);

    /** Whether this leg's endpoint is sending now; cheap, callable from any thread many times a second. */
    LegActivity activity(Leg leg);

    /** Reports final quality for both legs, closes the sockets and releases the ports. Idempotent. */
    @Override
    void close();
}
