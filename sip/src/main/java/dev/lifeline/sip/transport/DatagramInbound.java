package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.OutboundDatagram;
import dev.lifeline.sip.codec.ParseResult;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;

/** The last stage of a UDP socket's inbound path: screens each datagram and answers 400s to the source. */
final class DatagramInbound {

    private final InboundDispatch dispatch;
    private final ConnectionId socket;

    DatagramInbound(InboundDispatch dispatch, ConnectionId socket) {
        this.dispatch = dispatch;
        this.socket = socket;
    }

    /** Hands a parsed datagram on; a 400 goes back through {@code ctx}, the socket it came in on. */
    void deliver(ChannelHandlerContext ctx, ParseResult result, InetSocketAddress sender, InetSocketAddress recipient) {
        InetSocketAddress local = recipient != null ? recipient : (InetSocketAddress) ctx.channel().localAddress();
        dispatch.accept(result, Transport.UDP, sender, local, socket)
                .ifPresent(answer -> ctx.writeAndFlush(new OutboundDatagram(answer, sender)));
    }
}
