package dev.lifeline.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A local socket the transport layer accepts SIP on. Port 0 asks for an ephemeral port; the
 * transport layer reports the bound address through {@link SipTransportLayer#listenPoints()}.
 */
public record ListenPoint(Transport transport, InetSocketAddress address) {

    public ListenPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("listen address must be an IP address, got " + address);
        }
    }

    public static ListenPoint of(Transport transport, String ip, int port) {
        return new ListenPoint(transport, new InetSocketAddress(ip, port));
    }
}
