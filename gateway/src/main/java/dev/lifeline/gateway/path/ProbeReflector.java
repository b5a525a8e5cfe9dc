package dev.lifeline.gateway.path;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.LongAdder;

/**
 * The far end of the quality probes: a TWAMP-light session-reflector (RFC 5357 Appendix I,
 * unauthenticated; see {@link ProbePacket}). It answers a test packet with a reflector packet
 * of the same size to its sender, so it is no amplifier; it answers only sources its
 * {@link ReflectorAdmission} allows, at a bounded rate each. Runs at the provider, on any host a
 * site owns ({@code lifeline reflector}), and in the drill lab's provider and the tests.
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
        return start(bind, ReflectorAdmission.open(), InstantSource.system());
    }

    /**
     * Binds (port 0: any free port) and starts answering what {@code admission} allows.
     *
     * @throws IllegalStateException when the address cannot be bound, naming it
     */
    public static ProbeReflector start(InetSocketAddress bind, ReflectorAdmission admission, InstantSource clock) {
        ProbeIo io = ProbeIo.create(1);
        Echo echo = new Echo(admission, clock);
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

    /** Answers test packets to their sender, drops the rest; shared by no other channel (one thread). */
    private static final class Echo extends SimpleChannelInboundHandler<DatagramPacket> {
        final LongAdder echoed = new LongAdder();
        final LongAdder ignored = new LongAdder();
        final LongAdder refused = new LongAdder();
        private final ReflectorAdmission admission;
        private final InstantSource clock;
        private long seq;

        Echo(ReflectorAdmission admission, InstantSource clock) {
            this.admission = admission;
            this.clock = clock;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            Instant received = clock.instant();
            if (!ProbePacket.isTest(p.content())) {
                ignored.increment();
                return;
            }
            long nanos = received.getEpochSecond() * 1_000_000_000L + received.getNano();
            if (admission.admit(p.sender().getAddress(), nanos) != ReflectorAdmission.Verdict.ANSWER) {
                refused.increment();
                return;
            }
            echoed.increment();
            ctx.write(new DatagramPacket(ProbePacket.reflect(ctx.alloc(), p.content(), seq++, received, clock.instant()),
                    p.sender()));
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

    /** Datagrams that were not test packets (too short or too long), dropped without an answer. */
    public long ignored() {
        return echo.ignored.sum();
    }

    /** Test packets from a source not allowed, or over its rate, dropped without an answer. */
    public long refused() {
        return echo.refused.sum();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        io.close();
    }
}
