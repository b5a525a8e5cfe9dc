package dev.lifeline.media.sdp;

import java.util.Optional;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605): where RTCP goes when it is
 * not on the RTP port + 1, typically because a NAT mapped the two ports apart.
 */
public record RtcpAttribute(int port, Optional<Connection> connection) {

    public static Optional<RtcpAttribute> parse(String attributeValue) {
        String v = attributeValue.trim();
        int space = v.indexOf(' ');
        String port = space < 0 ? v : v.substring(0, space);
        if (!MediaLine.isNumber(port, 65535)) {
            return Optional.empty();
        }
        if (space < 0) {
            return Optional.of(new RtcpAttribute(Integer.parseInt(port), Optional.empty()));
        }
        return Connection.parse(v.substring(space + 1))
                .map(c -> new RtcpAttribute(Integer.parseInt(port), Optional.of(c)));
    }

    public String value() {
        return port + connection.map(c -> " " + c.value()).orElse("");
    }
}
