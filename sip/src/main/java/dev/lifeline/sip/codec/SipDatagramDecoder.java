package dev.lifeline.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import dev.lifeline.sip.stun.StunMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses each datagram as exactly one message (RFC 3261 §18.3: on UDP the datagram is the frame)
 * and emits a {@link ReceivedDatagram}, malformed ones included, so the transport can answer 400
 * or count the drop. Datagrams of only CR and LF are NAT keepalives some phones send; they are
 * consumed silently. A STUN Binding request (RFC 5626 §4.4.2 keepalives, a peer checking that
 * the path carries packets both ways, §8.4) is answered here with the address it came from;
 * other STUN is dropped. STUN and SIP share the port and are told apart by the first two bits and
 * the magic cookie.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final SipParser parser;

    public SipDatagramDecoder(SipParser parser) {
        super(DatagramPacket.class);
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        byte[] data = sipBytes(ctx, packet);
        if (data != null) {
            out.add(new ReceivedDatagram(parser.parse(data, 0, data.length), packet.sender(), packet.recipient()));
        }
    }

    /**
     * What of {@code packet} is for the SIP layer: its bytes (a copy, which a parsed message
     * may keep after the pooled buffer is released), or null for a keepalive (dropped) or STUN
     * (a Binding request answered here through {@code ctx}, other STUN dropped).
     */
    public static byte[] sipBytes(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (isKeepAlive(content)) {
            return null;
        }
        byte[] data = ByteBufUtil.getBytes(content);
        if (StunMessage.looksLikeStun(data, 0, data.length)) {
            StunMessage.decode(data, 0, data.length).filter(m -> m.type() == StunMessage.BINDING_REQUEST)
                    .ifPresent(request -> ctx.writeAndFlush(new DatagramPacket(
                            Unpooled.wrappedBuffer(StunMessage.success(request, packet.sender()).encode()),
                            packet.sender())));
            return null;
        }
        return data;
    }

    private static boolean isKeepAlive(ByteBuf content) {
        if (!content.isReadable()) {
            return true;
        }
        int end = content.writerIndex();
        for (int i = content.readerIndex(); i < end; i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
