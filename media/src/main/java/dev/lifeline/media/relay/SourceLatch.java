package dev.lifeline.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Optional;

/**
 * Symmetric RTP latching (RFC 4961, RFC 7362) restricted to the addresses the call's signalling
 * named: the relay sends a leg's media to where that leg's media comes from, which behind a NAT
 * is not what the SDP says, but only an endpoint the SDP or the SIP source vouches for may be
 * that source. A pure state machine; the caller passes the time.
 *
 * <ul>
 *   <li>Expected addresses: the IPs the leg's SDP declared and the IP its signalling came from
 *       (a phone behind NAT sends RTP from its public address, as its SIP; a provider's media
 *       reaches a path from the address its SIP does). A packet from any other IP is
 *       {@link Outcome#FOREIGN}, whatever its port or SSRC, latched or not; with no expected
 *       address nothing passes. Ports are not checked: NATs map them freely.</li>
 *   <li>Not latched: the first packet from an expected IP latches its source at once, so audio
 *       starts with the first packet.</li>
 *   <li>Latched: packets from the latched source pass. Another source (from an expected IP) is
 *       dropped while the latched one is live, that is, sent within {@code silence}; once it has
 *       been quiet that long, a newcomer that sends {@code consistentPackets} in a row from one
 *       address with one SSRC takes over (a phone that restarted or whose NAT rebound). A leg
 *       moved to new sockets counts its latched source as quiet there: that source's packets
 *       now go to the draining sockets.</li>
 * </ul>
 * Not thread-safe: one leg's event loop drives it.
 */
final class SourceLatch {

    enum Outcome {
        /** From the latched source. */
        ACCEPTED,
        /** The first packet from an expected address: its source is now latched. */
        LATCHED,
        /** A newcomer qualified and replaced the latched source. */
        RELATCHED,
        /** From an expected address, but the latched source is live or the newcomer has not qualified; drop it. */
        REJECTED,
        /** From an address neither the SDP nor the signalling named; drop it. */
        FOREIGN
    }

    private static final InetAddress[] NONE = new InetAddress[0];

    private final LatchPolicy policy;
    private final long silenceNanos;
    private InetAddress[] expected = NONE;
    private InetSocketAddress latched;
    private long lastSeenNanos;
    /** The leg moved to new sockets since the latched source last sent on them. */
    private boolean latchedElsewhere;
    private InetSocketAddress candidate;
    private long candidateSsrc;
    private int candidateCount;

    SourceLatch(LatchPolicy policy) {
        this.policy = policy;
        this.silenceNanos = policy.silence().toNanos();
    }

    /**
     * The IPs media may come from from now on. A latched source whose IP is no longer among
     * them is forgotten: it is no longer the leg's endpoint.
     */
    void expect(Collection<InetAddress> addresses) {
        expected = addresses.stream().distinct().toArray(InetAddress[]::new);
        if (latched != null && !isExpected(latched.getAddress())) {
            reset();
        }
    }

    Outcome offer(InetSocketAddress source, long ssrc, long nowNanos) {
        if (!isExpected(source.getAddress())) {
            return Outcome.FOREIGN;
        }
        if (latched == null) {
            latch(source, nowNanos);
            return Outcome.LATCHED;
        }
        if (latched.equals(source)) {
            lastSeenNanos = nowNanos;
            latchedElsewhere = false;
            candidate = null;
            return Outcome.ACCEPTED;
        }
        return challenge(source, ssrc, nowNanos);
    }

    private Outcome challenge(InetSocketAddress source, long ssrc, long nowNanos) {
        if (source.equals(candidate) && ssrc == candidateSsrc) {
            candidateCount++;
        } else {
            candidate = source;
            candidateSsrc = ssrc;
            candidateCount = 1;
        }
        // Never while the latched source is still sending, not even with its SSRC: two live
        // streams are an attack or a loop, and the one already heard stays.
        boolean latchedWentQuiet = latchedElsewhere || nowNanos - lastSeenNanos >= silenceNanos;
        if (candidateCount >= policy.consistentPackets() && latchedWentQuiet) {
            latch(source, nowNanos);
            return Outcome.RELATCHED;
        }
        return Outcome.REJECTED;
    }

    private boolean isExpected(InetAddress address) {
        for (InetAddress a : expected) {
            if (a.equals(address)) {
                return true;
            }
        }
        return false;
    }

    private void latch(InetSocketAddress source, long nowNanos) {
        latched = source;
        lastSeenNanos = nowNanos;
        latchedElsewhere = false;
        candidate = null;
        candidateCount = 0;
    }

    /**
     * The leg now receives on new sockets (a WAN failover): the latched source keeps sending to
     * the old ones until the re-INVITE reaches it, so here it counts as quiet and an expected
     * newcomer may take over after its consistent packets. It stays the destination until then.
     */
    void movedToNewSockets() {
        latchedElsewhere = latched != null;
        candidate = null;
        candidateCount = 0;
    }

    /** Forgets the source, e.g. when new SDP points the leg at a different endpoint. */
    void reset() {
        latched = null;
        latchedElsewhere = false;
        candidate = null;
        candidateCount = 0;
    }

    Optional<InetSocketAddress> latched() {
        return Optional.ofNullable(latched);
    }
}
