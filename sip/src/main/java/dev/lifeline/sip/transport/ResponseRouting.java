package dev.lifeline.sip.transport;

import dev.lifeline.sip.message.Via;

/**
 * Chooses where a response goes from its top Via, per RFC 3261 §18.2.2 with the RFC 3581 §4
 * rport rule. A pure function so every branch is table-tested without sockets.
 */
public final class ResponseRouting {

    private ResponseRouting() {
    }

    /**
     * @param transport            the Via's transport
     * @param requestConnectionOpen whether the stream connection the request arrived on is still open
     */
    public static ResponseRoute select(Via topVia, Transport transport, boolean requestConnectionOpen) {
        if (transport.reliable()) {
            return reliable(topVia, transport, requestConnectionOpen);
        }
        return unreliable(topVia, transport);
    }

    private static ResponseRoute reliable(Via via, Transport transport, boolean connectionOpen) {
        if (connectionOpen) {
            return new ResponseRoute.SameConnection();
        }
        // §18.2.2: open a connection to received (or sent-by) at the sent-by port.
        return new ResponseRoute.Destination(transport, via.received().orElse(via.host()), sentByPort(via, transport));
    }

    private static ResponseRoute unreliable(Via via, Transport transport) {
        if (via.params().get("maddr").isPresent()) {
            return new ResponseRoute.Destination(transport, via.params().get("maddr").get(), sentByPort(via, transport));
        }
        String host = via.received().orElse(via.host());
        // RFC 3581 §4: the rport value is where the NAT binding lives, whatever sent-by claims.
        int port = via.rport().isPresent() ? via.rport().getAsInt() : sentByPort(via, transport);
        return new ResponseRoute.Destination(transport, host, port);
    }

    private static int sentByPort(Via via, Transport transport) {
        return via.port() > 0 ? via.port() : transport.defaultPort();
    }
}
