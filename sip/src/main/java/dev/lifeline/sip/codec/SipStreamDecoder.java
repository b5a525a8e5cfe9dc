package dev.lifeline.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
 *
 * <p>On accepted connections a message may be given a deadline from its first byte to its last:
 * a peer that trickles bytes without ever finishing a message would otherwise hold a connection
 * (and its buffer) for as long as it likes. When the deadline passes the decoder emits one
 * {@link StreamTooSlow} and discards the stream like a desynchronised one. Keepalives between
 * messages are not part of any message and start no deadline.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    /**
     * Netty's default cumulation buffer is direct memory, which the framer cannot read in place:
     * every read would copy everything buffered so far, quadratic in the number of reads. On the
     * heap the framer reads the array itself, and the buffer grows by doubling.
     */
    private static final Cumulator HEAP_CUMULATOR = (alloc, cumulation, in) -> {
        if (cumulation == in) {
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable() && in.hasArray()) {
            cumulation.release();
            return in;
        }
        try {
            int required = in.readableBytes();
            if (!cumulation.hasArray() || cumulation.isReadOnly() || cumulation.refCnt() > 1
                    || required > cumulation.maxWritableBytes()) {
                ByteBuf heap = alloc.heapBuffer(Math.max(256, cumulation.readableBytes() + required));
                heap.writeBytes(cumulation).writeBytes(in);
                cumulation.release();
                return heap;
            }
            cumulation.writeBytes(in);
            return cumulation;
        } finally {
            in.release();
        }
    };

    private final SipParser parser;
    private final ParseLimits limits;
    private final StreamFramer framer;
    private final boolean serverSide;
    private final Optional<Duration> messageDeadline;
    private ScheduledFuture<?> deadlineTimer;
    private boolean desynchronised;

    private SipStreamDecoder(SipParser parser, ParseLimits limits, boolean serverSide, Optional<Duration> messageDeadline) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.framer = new StreamFramer(limits);
        this.serverSide = serverSide;
        this.messageDeadline = messageDeadline;
        messageDeadline.ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("message deadline must be positive, got " + d);
            }
        });
        setCumulator(HEAP_CUMULATOR);
    }

    /** For a connection a peer opened to us, with no deadline for a message. */
    public static SipStreamDecoder forAccepted(SipParser parser, ParseLimits limits) {
        return new SipStreamDecoder(parser, limits, true, Optional.empty());
    }

    /** For a connection a peer opened to us: each message must arrive whole within {@code messageDeadline}. */
    public static SipStreamDecoder forAccepted(SipParser parser, ParseLimits limits, Duration messageDeadline) {
        return new SipStreamDecoder(parser, limits, true, Optional.of(messageDeadline));
    }

    /** For a connection we opened. */
    public static SipStreamDecoder forDialled(SipParser parser, ParseLimits limits) {
        return new SipStreamDecoder(parser, limits, false, Optional.empty());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (desynchronised) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && !desynchronised) {
            if (!decodeOne(ctx, in, out)) {
                break;
            }
        }
        if (desynchronised) {
            cancelDeadline();
        } else if (in.isReadable()) {
            startDeadline(ctx);
        }
    }

    /** The first bytes of a message are buffered: it has the deadline from now. */
    private void startDeadline(ChannelHandlerContext ctx) {
        if (deadlineTimer == null && messageDeadline.isPresent() && ctx.channel().isActive()) {
            deadlineTimer = ctx.executor().schedule(() -> deadlinePassed(ctx),
                    messageDeadline.get().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelDeadline() {
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
            deadlineTimer = null;
        }
    }

    private void deadlinePassed(ChannelHandlerContext ctx) {
        deadlineTimer = null;
        ByteBuf buffered = internalBuffer();
        if (desynchronised || !buffered.isReadable() || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        int pending = buffered.readableBytes();
        desynchronised = true;
        buffered.skipBytes(pending);
        ctx.fireChannelRead(new StreamTooSlow(messageDeadline.orElseThrow(), pending));
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            cancelDeadline();
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
        Frame frame = framer.next(buf, off, len);
        switch (frame) {
            case Frame.Complete complete -> {
                cancelDeadline();
                out.add(parser.parse(buf, off, complete.length()));
                in.skipBytes(complete.length());
                return true;
            }
            case Frame.KeepAlive keepAlive -> {
                cancelDeadline();
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
