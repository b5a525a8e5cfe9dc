package dev.lifeline.sip.codec;

import java.net.InetSocketAddress;

/** One datagram's parse result with the addresses it travelled between. */
public record ReceivedDatagram(ParseResult result, InetSocketAddress sender, InetSocketAddress recipient) {
}
