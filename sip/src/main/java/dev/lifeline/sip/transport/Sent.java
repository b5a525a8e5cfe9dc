package dev.lifeline.sip.transport;

import java.net.InetSocketAddress;

/**
 * A message handed to the operating system: the flow it left on and that flow's addresses, which
 * a caller needs for Via sent-by and Contact, and to send later requests on the same flow.
 */
public record Sent(Transport transport, ConnectionId connection, InetSocketAddress local, InetSocketAddress remote) {
}
