package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.OutboundDatagram;
import dev.lifeline.sip.codec.ReceivedDatagram;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;

/** The last stage of a UDP listening socket: screens each datagram and answers 400s to the source. */
final class DatagramInbound extends SimpleChannelInboundHandler<ReceivedDatagram> {

    private final InboundDispatch dispatch;
    private final ConnectionId socket;

    DatagramInbound(InboundDispatch dispatch, ConnectionId socket) {
        super(ReceivedDatagram.class);
        this.dispatch = dispatch;
        this.socket = socket;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedDatagram datagram) {
        InetSocketAddress local = datagram.recipient() != null
                ? datagram.recipient() : (InetSocketAddress) ctx.channel().localAddress();
        dispatch.accept(datagram.result(), Transport.UDP, datagram.sender(), local, socket)
                .ifPresent(answer -> ctx.writeAndFlush(new OutboundDatagram(answer, datagram.sender())));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like surface here; a UDP socket outlives them.
        NettySipTransport.log.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
