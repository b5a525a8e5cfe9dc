package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.SipMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes messages and {@link StreamKeepAlive} keepalives to a TCP or TLS stream. Stateless, shareable. */
@ChannelHandler.Sharable
public final class SipStreamEncoder extends MessageToMessageEncoder<Object> {

    private static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof SipMessage || msg instanceof StreamKeepAlive;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        byte[] bytes = switch (msg) {
            case SipMessage message -> message.toBytes();
            case StreamKeepAlive keepAlive -> keepAlive == StreamKeepAlive.PING ? PING : PONG;
            default -> throw new IllegalArgumentException("not a SIP stream message: " + msg.getClass());
        };
        out.add(Unpooled.wrappedBuffer(bytes));
    }
}
