package dev.lifeline.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a TCP or TLS byte stream into messages with {@link StreamFramer} and parses each one.
 * Emits a {@link ParseResult} per framed message (a well-framed but malformed request can still be
 * answered 400 and the stream continues), {@link StreamKeepAlive} for keepalives, and one
 * {@link StreamDesynchronised} when framing fails or the buffer outgrows the parse limits.
 *
 * <p>Keepalives are answered right here (RFC 5626 §4.4.1), so they cost the layers above nothing.
 * A CRLFCRLF ping is always answered with a CRLF pong. On a connection we accepted (the server
 * side of the flow) a lone CRLF is answered too, because a ping split across segments arrives as
 * two of them; on a connection we dialled it is the pong to our own ping and is not answered,
 * which is also what stops two nodes from bouncing CRLFs forever. Needs a
 * {@link SipStreamEncoder} nearer the head of the pipeline.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    private final SipParser parser;
    private final ParseLimits limits;
    private final boolean serverSide;
    private boolean desynchronised;

    private SipStreamDecoder(SipParser parser, ParseLimits limits, boolean serverSide) {
        this.parser = parser;
        this.limits = limits;
        this.serverSide = serverSide;
    }

    /** For a connection a peer opened to us. */
    public static SipStreamDecoder forAccepted(SipParser parser, ParseLimits limits) {
        return new SipStreamDecoder(parser, limits, true);
    }

    /** For a connection we opened. */
    public static SipStreamDecoder forDialled(SipParser parser, ParseLimits limits) {
        return new SipStreamDecoder(parser, limits, false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (desynchronised) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && !desynchronised) {
            if (!decodeOne(ctx, in, out)) {
                return;
            }
        }
    }

    /** Consumes one frame; false when more bytes are needed. */
    private boolean decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte[] buf;
        int off;
        int len = in.readableBytes();
        if (in.hasArray()) {
            buf = in.array();
            off = in.arrayOffset() + in.readerIndex();
        } else {
            buf = ByteBufUtil.getBytes(in, in.readerIndex(), len, false);
            off = 0;
        }
        Frame frame = StreamFramer.next(buf, off, len, limits);
        switch (frame) {
            case Frame.Complete complete -> {
                out.add(parser.parse(buf, off, complete.length()));
                in.skipBytes(complete.length());
                return true;
            }
            case Frame.KeepAlive keepAlive -> {
                in.skipBytes(keepAlive.length());
                if (keepAlive.ping() || serverSide) {
                    ctx.writeAndFlush(StreamKeepAlive.PONG);
                }
                out.add(keepAlive.ping() ? StreamKeepAlive.PING : StreamKeepAlive.PONG);
                return true;
            }
            case Frame.NeedMore needMore -> {
                if (len > limits.maxMessageBytes()) {
                    fail(in, out, "message exceeds " + limits.maxMessageBytes() + " bytes", true, buf, off, len);
                }
                return false;
            }
            case Frame.Invalid invalid -> {
                fail(in, out, invalid.reason(), false, buf, off, len);
                return false;
            }
        }
    }

    private void fail(ByteBuf in, List<Object> out, String reason, boolean overLimit, byte[] buf, int off, int len) {
        desynchronised = true;
        Optional<ParseResult.Invalid> partial = parser.parse(buf, off, len) instanceof ParseResult.Invalid invalid
                ? Optional.of(invalid) : Optional.empty();
        in.skipBytes(in.readableBytes());
        out.add(new StreamDesynchronised(reason, overLimit, partial));
    }
}
