package dev.lifeline.media.relay;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a leg's endpoint is sending now: the RTP its latched source delivered on the leg's
 * current sockets. A path watch reads it for every call many times a second, so it is read
 * without a hop to the session's event loop.
 *
 * @param packets       RTP packets accepted on the leg's sockets since they were bound (a move
 *                      to another path starts again from zero: the new path has not delivered yet)
 * @param lastArrival   when the last of them arrived, empty before the first
 * @param comfortNoise  the last one was comfort noise (RFC 3389, payload type 13): the endpoint
 *                      is quiet on purpose and may send nothing more until it speaks
 */
public record LegActivity(long packets, Optional<Instant> lastArrival, boolean comfortNoise) {

    public static final LegActivity NONE = new LegActivity(0, Optional.empty(), false);
}
