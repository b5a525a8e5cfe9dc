package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One path's quality probe stream: a UDP socket bound to the path's address (any port), DSCP EF
 * like the RTP it stands for, sending a TWAMP-light test packet ({@link ProbePacket}) every
 * {@link QualityModel#probeInterval()} (50/s) to the path's reflector. Echoes become {@link Listener#heard} calls, and once a second
 * the window summary a {@link Listener#measured} call. Everything runs on the channel's event
 * loop (the {@link ProbeLog} is confined to it); memory is the log's fixed ring.
 */
public final class QualityProber implements AutoCloseable {

    /** Expedited Forwarding (RFC 3246), the class of voice media. */
    static final int DSCP_EF = 46;
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(1);

    /** Told on the prober's event loop thread; hand work off rather than block. */
    public interface Listener {
        void heard(Duration rtt);

        void measured(QualitySummary summary);
    }

    private final Channel channel;
    private final ScheduledFuture<?> sending;
    private final ScheduledFuture<?> summarising;

    private QualityProber(Channel channel, ScheduledFuture<?> sending, ScheduledFuture<?> summarising) {
        this.channel = channel;
        this.sending = sending;
        this.summarising = summarising;
    }

    /**
     * Binds the path's socket and starts probing.
     *
     * @throws IllegalStateException when the path's address cannot be bound, naming it
     */
    static QualityProber start(WanPath path, InetSocketAddress reflector, QualityModel model,
                               ProbeIo io, InstantSource clock, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        ProbeLog log = new ProbeLog(model);
        Echoes echoes = new Echoes(log, reflector, clock, listener);
        ChannelFuture bound = new Bootstrap()
                .group(io.group())
                .channelFactory(io.datagramFor(path))
                .option(ChannelOption.IP_TOS, DSCP_EF << 2)
                .handler(echoes)
                .bind(new InetSocketAddress(path.bind(), 0))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot bind the quality probe socket of path " + path.name() + " to "
                    + path.bind().getHostAddress() + ": " + bound.cause().getMessage()
                    + "; check that the path's bind address" + path.networkInterface().map(d -> " and interface " + d)
                    .orElse("") + " are configured on this host", bound.cause());
        }
        Channel ch = bound.channel();
        ch.pipeline().addFirst("gate", io.gate());
        long interval = model.probeInterval().toNanos();
        ScheduledFuture<?> sending = ch.eventLoop().scheduleAtFixedRate(() -> {
            Instant now = clock.instant();
            long seq = log.sent(now);
            echoes.lastSent = seq;
            long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            ch.writeAndFlush(new DatagramPacket(
                    ProbePacket.encode(ch.alloc(), new ProbePacket.Probe(seq, epochNanos)), reflector));
        }, 0, interval, TimeUnit.NANOSECONDS);
        long every = SUMMARY_EVERY.toNanos();
        ScheduledFuture<?> summarising = ch.eventLoop().scheduleAtFixedRate(
                () -> log.summary(clock.instant()).ifPresent(listener::measured), every, every, TimeUnit.NANOSECONDS);
        return new QualityProber(ch, sending, summarising);
    }

    /** The socket's local address (the path's address, the port chosen). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        sending.cancel(false);
        summarising.cancel(false);
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static final class Echoes extends SimpleChannelInboundHandler<DatagramPacket> {
        private final ProbeLog log;
        private final InetSocketAddress reflector;
        private final InstantSource clock;
        private final Listener listener;
        /** The last sequence number sent (the channel's loop only): answers carry 32 bits of it. */
        long lastSent;

        Echoes(ProbeLog log, InetSocketAddress reflector, InstantSource clock, Listener listener) {
            this.log = log;
            this.reflector = reflector;
            this.clock = clock;
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (!p.sender().equals(reflector)) {
                return; // only the reflector's answers count
            }
            // Each path has its own socket, so the sequence number alone says which probe came back.
            ProbePacket.decodeReflected(p.content())
                    .flatMap(probe -> log.echoed(ProbePacket.extend(probe.seq(), lastSent), clock.instant()))
                    .ifPresent(listener::heard);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable surfacing as a read error: the echo is simply missing
        }
    }
}
