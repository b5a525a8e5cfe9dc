package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.SipMessage;
import java.net.InetSocketAddress;

/** A message to send as one datagram to {@code recipient}. */
public record OutboundDatagram(SipMessage message, InetSocketAddress recipient) {
}
