package dev.lifeline.drill.lab.provider;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A call's media as the provider sees it at one moment.
 *
 * @param local     the provider's RTP address for the call (what its SDP says)
 * @param received  what arrived
 * @param sent      RTP packets sent (echoed or generated)
 * @param sendingTo where RTP goes now (empty before the remote address is known, or on hold)
 */
public record CallMediaStats(InetSocketAddress local, MediaMode mode, RtpArrivals received, long sent,
                             Optional<InetSocketAddress> sendingTo) {
}
