package dev.lifeline.gateway.path;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * The far end of the quality probes: a UDP echo that answers only {@link ProbePacket probes},
 * with a packet of the same size to the sender, so it is no amplifier and reflects nothing
 * else. Runs at the provider or a site's hub; the drill lab's provider and the tests run it.
 */
public final class ProbeReflector implements AutoCloseable {

    private final ProbeIo io;
    private final Channel channel;
    private final Echo echo;

    private ProbeReflector(ProbeIo io, Channel channel, Echo echo) {
        this.io = io;
        this.channel = channel;
        this.echo = echo;
    }

    /**
     * Binds (port 0: any free port) and starts echoing.
     *
     * @throws IllegalStateException when the address cannot be bound, naming it
     */
    public static ProbeReflector start(InetSocketAddress bind) {
        ProbeIo io = ProbeIo.create(1);
        Echo echo = new Echo();
        ChannelFuture bound = new Bootstrap()
                .group(io.group())
                .channelFactory(io.datagram())
                .handler(echo)
                .bind(bind)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            io.close();
            throw new IllegalStateException("cannot bind the probe reflector to " + bind + ": "
                    + bound.cause().getMessage() + "; choose a free port or an address of this host", bound.cause());
        }
        return new ProbeReflector(io, bound.channel(), echo);
    }

    /** Echoes probes to their sender, drops the rest; shared by no other channel. */
    private static final class Echo extends SimpleChannelInboundHandler<DatagramPacket> {
        final LongAdder echoed = new LongAdder();
        final LongAdder ignored = new LongAdder();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (!ProbePacket.isProbe(p.content())) {
                ignored.increment();
                return;
            }
            echoed.increment();
            ctx.write(new DatagramPacket(p.content().retain(), p.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** The bound address (with the actual port). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public long echoed() {
        return echo.echoed.sum();
    }

    /** Datagrams that were not probes, dropped without an answer. */
    public long ignored() {
        return echo.ignored.sum();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        io.close();
    }
}
