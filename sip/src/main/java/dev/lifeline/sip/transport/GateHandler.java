package dev.lifeline.sip.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The first handler of a socket's pipeline: while the {@link SocketGate} is closed for the socket's
 * local address, what arrives is discarded before any decoding and what is written is discarded
 * before it reaches the socket, as on a cut link. A datagram write is reported written (the packet
 * is lost on the way, not refused); a stream write fails and the connection is closed, because a
 * stream with bytes missing in the middle could not be read again once the gate opens.
 */
@ChannelHandler.Sharable
public final class GateHandler extends ChannelDuplexHandler {

    private final Supplier<SocketGate> gate;
    private final LongAdder dropped = new LongAdder();

    /** @param gate read for every packet, so the gate can be swapped while sockets are open */
    public GateHandler(Supplier<SocketGate> gate) {
        this.gate = gate;
    }

    /** Reads and writes discarded so far. */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (passes(ctx)) {
            ctx.fireChannelRead(msg);
            return;
        }
        dropped.increment();
        ReferenceCountUtil.release(msg);
        if (isStream(ctx)) {
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (passes(ctx)) {
            ctx.write(msg, promise);
            return;
        }
        dropped.increment();
        ReferenceCountUtil.release(msg);
        if (isStream(ctx)) {
            promise.tryFailure(new TransportException("the path of " + ctx.channel().localAddress()
                    + " is cut by an injected fault"));
            ctx.close();
        } else {
            promise.trySuccess();
        }
    }

    private boolean passes(ChannelHandlerContext ctx) {
        return !(ctx.channel().localAddress() instanceof InetSocketAddress local) || gate.get().passes(local);
    }

    private static boolean isStream(ChannelHandlerContext ctx) {
        return !(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel);
    }
}
