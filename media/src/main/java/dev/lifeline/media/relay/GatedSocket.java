package dev.lifeline.media.relay;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * First in a relay socket's pipeline: a packet the {@link MediaGate} refuses is discarded on its
 * way in or out, as if lost on the wire (a write is reported done, so the relay carries on as it
 * would after a real loss).
 */
final class GatedSocket extends ChannelDuplexHandler {

    private final Supplier<MediaGate> gate;
    private final String session;

    GatedSocket(Supplier<MediaGate> gate, String session) {
        this.gate = gate;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (passes(ctx, true)) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (passes(ctx, false)) {
            ctx.write(msg, promise);
        } else {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        }
    }

    private boolean passes(ChannelHandlerContext ctx, boolean inbound) {
        return !(ctx.channel().localAddress() instanceof InetSocketAddress local)
                || gate.get().passes(local, session, inbound);
    }
}
