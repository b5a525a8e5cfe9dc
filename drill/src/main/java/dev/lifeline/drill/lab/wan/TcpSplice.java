package dev.lifeline.drill.lab.wan;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forward of an emulator (for SIP over TCP and TLS: TLS is only bytes here). Each
 * connection accepted on the inside address opens one connection from the emulator's public
 * address to the target and copies bytes both ways through the path's impairments:
 * <ul>
 *   <li>blackhole stalls the connection without a reset: the emulator stops reading, holds what
 *       it already read, and the senders' windows fill; when the link comes back, held bytes go
 *       out and reading resumes. A connection accepted while upstream is blackholed is not
 *       carried to the target until the link comes back (its SYN is "lost");</li>
 *   <li>delay and jitter apply per chunk read, order always kept;</li>
 *   <li>loss, duplication and the rate limit are not applied: a stream does not lose bytes, and
 *       TCP's retransmission behaviour is not modelled.</li>
 * </ul>
 * When the target refuses the connection, the inside connection is reset, as a NAT passes the
 * RST on. Runs on the emulator's event loop.
 */
public final class TcpSplice {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSplice.class);
    /** Stop reading a side when this many bytes wait for the other. */
    private static final long HIGH_WATER = 256 * 1024;

    private final WanEmulator wan;
    private final EventLoop loop;
    private final InetSocketAddress target;
    private final Channel server;
    private final InetSocketAddress inside;
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder[] bytes = {new LongAdder(), new LongAdder()};

    TcpSplice(WanEmulator wan, EventLoop loop, InetSocketAddress insideAddress, InetSocketAddress target) {
        this.wan = wan;
        this.loop = loop;
        this.target = target;
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop, loop)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        try {
            this.server = bootstrap.bind(insideAddress).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WanException("interrupted while binding the TCP splice on " + insideAddress, e);
        } catch (Exception e) {
            throw new WanException("cannot bind the TCP splice of emulator '" + wan.name() + "' on "
                    + insideAddress + ": " + e.getMessage() + "; pick a free address or port 0", e);
        }
        this.inside = (InetSocketAddress) server.localAddress();
        LOG.info("wan {}: TCP {} -> {}", wan.name(), inside, target);
    }

    /** The bound inside address (the actual port when 0 was asked for). */
    public InetSocketAddress inside() {
        return inside;
    }

    /** Where accepted connections are carried to. */
    public InetSocketAddress target() {
        return target;
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.sum();
    }

    /** Bytes delivered so far in one direction (upstream: inside → target). */
    public long bytesDelivered(Direction direction) {
        return bytes[direction.ordinal()].sum();
    }

    // ---- on the loop ----------------------------------------------------------------------

    private void accept(SocketChannel insideChannel) {
        accepted.increment();
        Connection connection = new Connection(insideChannel);
        connections.add(connection);
        insideChannel.closeFuture().addListener(f -> connection.insideClosed());
        if (wan.link(Direction.UPSTREAM).down()) {
            LOG.debug("wan {}: TCP connection from {} held while the link is down", wan.name(),
                    insideChannel.remoteAddress());
        } else {
            connection.connect();
        }
    }

    /** The impairment changed: resume held connections and pipes, or stall them. */
    void impairmentChanged() {
        for (Connection c : List.copyOf(connections)) {
            c.refresh();
        }
    }

    void close() {
        server.close();
        for (Connection c : new ArrayList<>(connections)) {
            c.closeBoth();
        }
    }

    /** One spliced connection: the inside channel, the outbound one, a pipe each way. */
    private final class Connection {
        final Channel insideChannel;
        Channel outsideChannel;
        boolean connecting;
        final Pipe up;
        Pipe down;

        Connection(Channel insideChannel) {
            this.insideChannel = insideChannel;
            this.up = new Pipe(Direction.UPSTREAM, insideChannel);
            insideChannel.pipeline().addLast(new Reader(up));
        }

        void connect() {
            connecting = true;
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .localAddress(new InetSocketAddress(wan.publicAddress(), 0))
                    .handler(new ChannelInboundHandlerAdapter());
            ChannelFuture future = bootstrap.connect(target);
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.info("wan {}: TCP connect to {} failed ({}), resetting {}", wan.name(), target,
                            f.cause().getMessage(), insideChannel.remoteAddress());
                    insideChannel.config().setOption(ChannelOption.SO_LINGER, 0);
                    insideChannel.close();
                    return;
                }
                outsideChannel = future.channel();
                if (!insideChannel.isActive()) {
                    outsideChannel.close();
                    return;
                }
                down = new Pipe(Direction.DOWNSTREAM, outsideChannel);
                outsideChannel.pipeline().addLast(new Reader(down));
                outsideChannel.closeFuture().addListener(c -> outsideClosed());
                up.dest = outsideChannel;
                down.dest = insideChannel;
                up.update();
                down.update();
            });
        }

        void refresh() {
            if (!connecting && !wan.link(Direction.UPSTREAM).down() && insideChannel.isActive()) {
                connect();
            }
            up.drain();
            if (down != null) {
                down.drain();
            }
        }

        void insideClosed() {
            up.sourceClosed = true;
            up.drain();
            if (down != null) {
                down.discard();
            }
            if (outsideChannel == null) {
                connections.remove(this);
            }
        }

        void outsideClosed() {
            down.sourceClosed = true;
            down.drain();
            up.discard();
            connections.remove(this);
        }

        void closeBoth() {
            insideChannel.close();
            if (outsideChannel != null) {
                outsideChannel.close();
            }
        }
    }

    private record Chunk(ByteBuf bytes, long dueNanos) {
    }

    /** One direction of a connection: chunks read from source, written to dest when due. */
    private final class Pipe {
        final Direction direction;
        final Channel source;
        Channel dest;
        final ArrayDeque<Chunk> queue = new ArrayDeque<>();
        long queued;
        LinkState timing = LinkState.INITIAL;
        ScheduledFuture<?> timer;
        boolean sourceClosed;

        Pipe(Direction direction, Channel source) {
            this.direction = direction;
            this.source = source;
        }

        void read(ByteBuf chunk) {
            Impairment impairment = wan.link(direction).impairment.get();
            Impairment delayOnly = Impairment.NONE.withDelay(impairment.delay(), impairment.jitter());
            long now = System.nanoTime();
            LinkStep step = LinkModel.next(timing, delayOnly, chunk.readableBytes(), now, wan.random());
            timing = step.state();
            long due = step.decision() instanceof LinkDecision.Deliver d ? d.atNanos() : now;
            queue.addLast(new Chunk(chunk, due));
            queued += chunk.readableBytes();
            drain();
        }

        void drain() {
            boolean wrote = false;
            while (dest != null && dest.isActive() && !queue.isEmpty() && !wan.link(direction).down()) {
                Chunk head = queue.peekFirst();
                long wait = head.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    if (timer == null) {
                        timer = loop.schedule(() -> {
                            timer = null;
                            drain();
                        }, wait, TimeUnit.NANOSECONDS);
                    }
                    break;
                }
                queue.removeFirst();
                int n = head.bytes().readableBytes();
                queued -= n;
                dest.write(head.bytes());
                bytes[direction.ordinal()].add(n);
                wrote = true;
            }
            if (wrote) {
                dest.flush();
            }
            if (sourceClosed && queue.isEmpty() && dest != null && !wan.link(direction).down()) {
                dest.close();
            }
            update();
        }

        /** Reads from the source only while the link is up and the other side keeps up. */
        void update() {
            if (!source.isActive()) {
                return;
            }
            boolean read = dest != null && dest.isActive() && dest.isWritable()
                    && queued < HIGH_WATER && !wan.link(direction).down();
            if (source.config().isAutoRead() != read) {
                source.config().setAutoRead(read);
            }
        }

        void discard() {
            queue.forEach(c -> c.bytes().release());
            queue.clear();
            queued = 0;
        }
    }

    /** Hands what a channel reads to its pipe, and wakes the opposite pipe when writable again. */
    private final class Reader extends ChannelInboundHandlerAdapter {
        private final Pipe pipe;

        Reader(Pipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && buf.isReadable()) {
                pipe.read(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            for (Connection c : List.copyOf(connections)) {
                if (c.up.dest == ctx.channel()) {
                    c.up.drain();
                } else if (c.down != null && c.down.dest == ctx.channel()) {
                    c.down.drain();
                }
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("wan {}: TCP {} closed after {}", wan.name(), ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }
}
