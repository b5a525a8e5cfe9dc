package dev.lifeline.sip.transport;

import dev.lifeline.sip.message.SipMessage;
import java.net.InetSocketAddress;

/**
 * A message as it arrived. For requests the top Via already carries {@code received} and
 * {@code rport} as RFC 3261 §18.2.1 and RFC 3581 §4 require, so the response can be routed
 * from the message alone.
 *
 * @param connection the flow it arrived on (a TCP/TLS connection, or the UDP listening socket);
 *                   pass it to {@link SipTransportLayer#sendResponse} and to {@link Target#onFlow}
 */
public record InboundMessage(
        SipMessage message,
        Transport transport,
        InetSocketAddress remote,
        InetSocketAddress local,
        ConnectionId connection) {
}
