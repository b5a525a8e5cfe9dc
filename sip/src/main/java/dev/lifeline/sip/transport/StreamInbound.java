package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.StreamDesynchronised;
import dev.lifeline.sip.codec.StreamKeepAlive;
import dev.lifeline.sip.codec.StreamTooSlow;
import dev.lifeline.sip.logging.LogLimiter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;

/**
 * The last stage of a TCP or TLS connection: screens messages, answers 400s on the connection,
 * completes keepalive pings, and closes the connection when it desynchronises, a message takes too
 * long to arrive, or it idles out.
 */
final class StreamInbound extends ChannelInboundHandlerAdapter {

    /** Anyone can open connections and send garbage or fail handshakes: one line per source per interval. */
    private static final LogLimiter LIMITER = LogLimiter.system();

    private final InboundDispatch dispatch;
    private final TransportCounters counters;
    private final Transport transport;

    StreamInbound(InboundDispatch dispatch, TransportCounters counters, Transport transport) {
        this.dispatch = dispatch;
        this.counters = counters;
        this.transport = transport;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case ParseResult result -> dispatch.accept(result, transport, remote(ctx), local(ctx), id(ctx))
                    .ifPresent(ctx::writeAndFlush);
            case StreamKeepAlive.PING -> counters.keepAlivePingsAnswered.increment();
            case StreamKeepAlive.PONG -> KeepAlivePings.of(ctx.channel()).pongReceived();
            case StreamDesynchronised desync -> desynchronised(ctx, desync);
            case StreamTooSlow slow -> tooSlow(ctx, slow);
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void desynchronised(ChannelHandlerContext ctx, StreamDesynchronised desync) {
        counters.drop(desync.overLimit() ? DropReason.STREAM_OVER_LIMIT : DropReason.STREAM_DESYNCHRONISED);
        InetSocketAddress remote = remote(ctx);
        LIMITER.admit("desynchronised", address(remote)).ifPresent(held -> NettySipTransport.log.info(
                "closing {} connection from {}: {}{}", transport, remote, desync.reason(), LogLimiter.heldBack(held)));
        desync.partial().flatMap(dispatch::answerDesynchronised).ifPresentOrElse(
                answer -> ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE),
                ctx::close);
    }

    /** Nothing is answered: a request that never finished has no headers to answer. */
    private void tooSlow(ChannelHandlerContext ctx, StreamTooSlow slow) {
        counters.drop(DropReason.STREAM_TOO_SLOW);
        InetSocketAddress remote = remote(ctx);
        LIMITER.admit("message too slow", address(remote)).ifPresent(held -> NettySipTransport.log.warn(
                "closing {} connection from {}: a message was not complete {} after its first byte ({} bytes had"
                        + " arrived){}", transport, remote, text(slow.deadline()), slow.bufferedBytes(),
                LogLimiter.heldBack(held)));
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            NettySipTransport.log.debug("closing idle {} connection to {}", transport, remote(ctx));
            ctx.close();
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            counters.drop(DropReason.TLS_HANDSHAKE_FAILED);
            InetSocketAddress remote = remote(ctx);
            LIMITER.admit("TLS handshake failed", address(remote)).ifPresent(held -> NettySipTransport.log.info(
                    "TLS handshake with {} failed: {}{}", remote, handshake.cause().toString(), LogLimiter.heldBack(held)));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        counters.connectionsClosed.increment();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and TLS alerts end the connection; the peer will reconnect if it still cares.
        NettySipTransport.log.debug("{} connection {} failed: {}", transport, remote(ctx), cause.toString());
        ctx.close();
    }

    /** "10 s" or "500 ms". */
    private static String text(java.time.Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    /** The peer's IP (any port: a flood rotates ports), or null once the channel has none. */
    private static Object address(InetSocketAddress remote) {
        return remote == null ? null : remote.getAddress();
    }

    private static InetSocketAddress local(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().localAddress();
    }

    private static ConnectionId id(ChannelHandlerContext ctx) {
        return ctx.channel().attr(ConnectionTable.ID).get();
    }
}
