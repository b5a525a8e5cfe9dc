package dev.lifeline.media.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Symmetric RTP latching (RFC 4961, RFC 7362): the relay sends a leg's media to where that leg's
 * media comes from, which behind a NAT is not what the SDP says. A pure state machine; the
 * caller passes the time.
 *
 * <ul>
 *   <li>Not latched: the first packet's source is taken at once, so audio starts with the first
 *       packet.</li>
 *   <li>Latched: packets from the latched source pass. Another source is dropped unless it sends
 *       {@code consistentPackets} in a row from one address with one SSRC, and either its SSRC is
 *       the latched one (the same stream after a NAT rebinding) or the latched source has been
 *       silent for {@code silence} (a phone that restarted behind a new mapping). An off-path
 *       attacker knows neither the SSRC nor when the real source stops, so a spoofed stream
 *       cannot take a live call.</li>
 * </ul>
 * Not thread-safe: one leg's event loop drives it.
 */
final class SourceLatch {

    enum Outcome {
        /** From the latched source. */
        ACCEPTED,
        /** The first packet: its source is now latched. */
        LATCHED,
        /** A newcomer qualified and replaced the latched source. */
        RELATCHED,
        /** From somewhere else; drop it. */
        REJECTED;

        boolean passes() {
            return this != REJECTED;
        }
    }

    private final LatchPolicy policy;
    private final long silenceNanos;
    private InetSocketAddress latched;
    private long latchedSsrc;
    private long lastSeenNanos;
    private InetSocketAddress candidate;
    private long candidateSsrc;
    private int candidateCount;

    SourceLatch(LatchPolicy policy) {
        this.policy = policy;
        this.silenceNanos = policy.silence().toNanos();
    }

    Outcome offer(InetSocketAddress source, long ssrc, long nowNanos) {
        if (latched == null) {
            latch(source, ssrc, nowNanos);
            return Outcome.LATCHED;
        }
        if (latched.equals(source)) {
            latchedSsrc = ssrc;      // a restarted stream from the same socket is still that phone
            lastSeenNanos = nowNanos;
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
        boolean sameStream = ssrc == latchedSsrc;
        boolean latchedWentQuiet = nowNanos - lastSeenNanos >= silenceNanos;
        if (candidateCount >= policy.consistentPackets() && (sameStream || latchedWentQuiet)) {
            latch(source, ssrc, nowNanos);
            return Outcome.RELATCHED;
        }
        return Outcome.REJECTED;
    }

    private void latch(InetSocketAddress source, long ssrc, long nowNanos) {
        latched = source;
        latchedSsrc = ssrc;
        lastSeenNanos = nowNanos;
        candidate = null;
        candidateCount = 0;
    }

    /** Forgets the source, e.g. when new SDP points the leg at a different endpoint. */
    void reset() {
        latched = null;
        candidate = null;
        candidateCount = 0;
    }

    Optional<InetSocketAddress> latched() {
        return Optional.ofNullable(latched);
    }
}
