package dev.lifeline.media.sdp;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the descriptions one side of a call sends so that the other side sends its media to
 * the gateway's relay. One rewriter per leg and direction of signalling, because it owns the
 * {@code o=} line the far side sees: RFC 3264 §8 wants its version to grow by one exactly when
 * the description changes, and a B2BUA's description changes for reasons the phone never saw
 * (a leg moved to another WAN path) and stays put when only the phone's o= moved.
 *
 * <p>Kept as they were: direction attributes (hold and resume pass through), a
 * {@code c=0.0.0.0} hold address, disabled streams (port 0), codecs and every line not named
 * here. Not thread-safe: one signalling dialog drives it.
 */
public final class SdpRewriter {

    private Origin origin;
    private List<SdpLine> lastSent = List.of();

    /**
     * The description to send: connection address, {@code m=} port and {@code a=rtcp} replaced
     * by the relay's, and the origin of this leg with its version advanced if anything changed.
     *
     * @param rtpPorts the relay's RTP port for each media section in order (RTCP is port + 1);
     *                 sections beyond the list keep their ports
     */
    public SessionDescription rewrite(SessionDescription in, InetAddress address, List<Integer> rtpPorts) {
        SessionDescription body = anchor(in, address, rtpPorts);
        Origin next = (origin == null ? in.origin() : origin).withAddress(addrType(address), address.getHostAddress());
        SessionDescription out = body.withOrigin(next);
        if (origin != null && !out.lines().equals(lastSent)) {
            next = next.withVersion(origin.sessionVersion().add(BigInteger.ONE));
            out = body.withOrigin(next);
        }
        origin = next;
        lastSent = out.lines();
        return out;
    }

    /** The relay's address and ports put into a description; its origin is left alone. */
    public static SessionDescription anchor(SessionDescription in, InetAddress address, List<Integer> rtpPorts) {
        String addrType = addrType(address);
        String host = address.getHostAddress();
        List<SdpLine> session = new ArrayList<>(in.sessionLines());
        session.replaceAll(l -> l.type() == 'c' ? connectionLine(l, addrType, host) : l);
        boolean sessionConnection = in.connection().isPresent();
        List<MediaDescription> media = new ArrayList<>();
        for (int i = 0; i < in.media().size(); i++) {
            MediaDescription m = in.media().get(i);
            int port = m.mediaLine().isDisabled() || i >= rtpPorts.size() ? m.mediaLine().port() : rtpPorts.get(i);
            media.add(anchorMedia(m, port, addrType, host, sessionConnection));
        }
        return new SessionDescription(session, media);
    }

    private static MediaDescription anchorMedia(MediaDescription m, int port, String addrType, String host,
                                                boolean sessionConnection) {
        List<SdpLine> lines = new ArrayList<>(m.lines().size() + 1);
        lines.add(new SdpLine('m', m.mediaLine().withPort(port).value()));
        for (SdpLine l : m.lines().subList(1, m.lines().size())) {
            if (l.type() == 'c') {
                lines.add(connectionLine(l, addrType, host));
            } else if (l.isAttribute("rtcp") && port != 0) {
                lines.add(rtcpLine(l, port + 1, addrType, host));
            } else {
                lines.add(l);
            }
        }
        if (!sessionConnection && m.connection().isEmpty() && port != 0) {
            // RFC 8866 §5.7: every stream needs a c= somewhere; the phone's absence of one must
            // not leave the far side without the relay's address. It goes after m= and i=.
            int at = lines.size() > 1 && lines.get(1).type() == 'i' ? 2 : 1;
            lines.add(at, new SdpLine('c', "IN " + addrType + " " + host));
        }
        return new MediaDescription(lines);
    }

    private static SdpLine connectionLine(SdpLine line, String addrType, String host) {
        Connection c = Connection.parse(line.value()).orElseThrow();
        // A legacy hold address says "do not send to me"; replacing it would resume the stream.
        return c.isLegacyHold() ? line : new SdpLine('c', c.withAddress(addrType, host).value());
    }

    private static SdpLine rtcpLine(SdpLine line, int rtcpPort, String addrType, String host) {
        RtcpAttribute rtcp = RtcpAttribute.parse(line.attributeValue()).orElseThrow();
        RtcpAttribute moved = new RtcpAttribute(rtcpPort, rtcp.connection()
                .map(c -> c.isLegacyHold() ? c : c.withAddress(addrType, host)));
        return new SdpLine('a', "rtcp:" + moved.value());
    }

    private static String addrType(InetAddress address) {
        return address instanceof Inet6Address ? "IP6" : "IP4";
    }
}
