package dev.lifeline.media.relay;

import dev.lifeline.media.sdp.Connection;
import dev.lifeline.media.sdp.RtcpAttribute;
import dev.lifeline.media.sdp.SessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a leg's endpoint says it receives media, from its SDP: until latching learns better,
 * the relay sends there.
 *
 * @param rtcp from {@code a=rtcp} (RFC 3605); empty means RTP port + 1
 */
public record RemoteMedia(InetSocketAddress rtp, Optional<InetSocketAddress> rtcp) {

    /** RTCP goes to a=rtcp when given, else to the RTP port + 1 (RFC 3550 §11). */
    public InetSocketAddress rtcpOrDefault() {
        return rtcp.orElseGet(() -> new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
    }

    /** True for the legacy hold address: nothing may be sent there (RFC 3264 §8.4). */
    public boolean isHold() {
        return rtp.getAddress().isAnyLocalAddress();
    }

    /**
     * The remote media of section {@code index}; empty when the section is disabled or its
     * address is not an IP literal of its type: a host name, or a malformed literal such as
     * 999.1.1.1. Names are never resolved here (a B2BUA reads SDP on its signalling thread);
     * the relay then waits for the endpoint's media from its signalling address instead.
     */
    public static Optional<RemoteMedia> from(SessionDescription sdp, int index) {
        if (index >= sdp.media().size() || sdp.media().get(index).mediaLine().isDisabled()) {
            return Optional.empty();
        }
        int port = sdp.media().get(index).mediaLine().port();
        return sdp.connectionFor(index).flatMap(RemoteMedia::literal).map(address -> {
            Optional<InetSocketAddress> rtcp = sdp.media().get(index).rtcp().map(a -> rtcpAddress(a, address));
            return new RemoteMedia(new InetSocketAddress(address, port), rtcp);
        });
    }

    private static InetSocketAddress rtcpAddress(RtcpAttribute a, InetAddress rtpAddress) {
        InetAddress address = a.connection().flatMap(RemoteMedia::literal).orElse(rtpAddress);
        return new InetSocketAddress(address, a.port());
    }

    private static Optional<InetAddress> literal(Connection c) {
        return c.ipAddress();   // strict literal: a name or 999.1.1.1 is never looked up
    }
}
