package dev.lifeline.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses each datagram as exactly one message (RFC 3261 §18.3: on UDP the datagram is the frame)
 * and emits a {@link ReceivedDatagram}, malformed ones included, so the transport can answer 400
 * or count the drop. Datagrams of only CR and LF are NAT keepalives some phones send; they are
 * consumed silently.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final SipParser parser;

    public SipDatagramDecoder(SipParser parser) {
        super(DatagramPacket.class);
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        if (isKeepAlive(content)) {
            return;
        }
        // A copy, not a view: the parsed message keeps its bytes after the pooled buffer is released.
        byte[] data = ByteBufUtil.getBytes(content);
        ParseResult result = parser.parse(data, 0, data.length);
        out.add(new ReceivedDatagram(result, packet.sender(), packet.recipient()));
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
