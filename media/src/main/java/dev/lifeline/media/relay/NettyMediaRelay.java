package dev.lifeline.media.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.BitSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The media relay on Netty UDP sockets, DSCP-marked (EF by default) so the site's router can
 * queue voice ahead of bulk traffic on the WAN.
 */
public final class NettyMediaRelay implements MediaRelay {

    private static final long BIND_TIMEOUT_MILLIS = 2_000;

    private final RelayConfig config;
    private final InstantSource clock;
    private final RelayIo io;
    private final Scheduler scheduler;
    private final PortPool ports;
    private final Map<NettyRelaySession, Boolean> sessions = new ConcurrentHashMap<>();
    private volatile MediaGate gate = MediaGate.OPEN;

    /** A relay on the system clock that times its reports and drains on its own event loops. */
    public NettyMediaRelay(RelayConfig config) {
        this(config, InstantSource.system(), null);
    }

    /** @param scheduler times reports and drains; null for the relay's own event loops */
    public NettyMediaRelay(RelayConfig config, InstantSource clock, Scheduler scheduler) {
        this(config, clock, scheduler, new SecureRandom());
    }

    /**
     * @param scheduler times reports and drains; null for the relay's own event loops
     * @param random    draws the port pairs; must be unpredictable outside tests, or an attacker
     *                  knows where the next call's media will be
     */
    public NettyMediaRelay(RelayConfig config, InstantSource clock, Scheduler scheduler, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.io = RelayIo.create(config.ioThreads(), config.preferEpoll());
        this.scheduler = scheduler != null ? scheduler : new EventLoopScheduler(io.group());
        this.ports = new PortPool(config.ports(), random);
    }

    @Override
    public RelaySession open(String id, InetAddress localA, InetAddress localB, QualityListener listener) {
        NettyRelaySession session = new NettyRelaySession(id, this, io.group().next(), config, clock, scheduler,
                listener == null ? QualityListener.NONE : listener);
        session.start(localA, localB);
        sessions.put(session, Boolean.TRUE);
        return session;
    }

    @Override
    public void gate(MediaGate value) {
        gate = java.util.Objects.requireNonNull(value, "gate");
    }

    @Override
    public int pairsInUse(InetAddress local) {
        return ports.inUse(local);
    }

    /** True when sockets run on native epoll rather than NIO. */
    public boolean usesEpoll() {
        return io.epoll();
    }

    @Override
    public void close() {
        sessions.keySet().forEach(NettyRelaySession::close);
        io.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    void forget(NettyRelaySession session) {
        sessions.remove(session);
    }

    /**
     * Binds a free RTP/RTCP pair drawn at random on the address, on the session's loop. A pair
     * another program holds is skipped; every pair is tried at most once.
     */
    LegSockets bindPair(NettyRelaySession session, RelayLeg leg, InetAddress address) {
        if (session.loop().inEventLoop()) {
            throw new RelayException("relay sockets cannot be bound from the session's own event loop; "
                    + "call open and moveLeg from a signalling thread");
        }
        BitSet tried = new BitSet();
        for (int attempt = 0; attempt < config.ports().pairs(); attempt++) {
            OptionalInt reserved = ports.reserve(address, tried);
            if (reserved.isEmpty()) {
                break;
            }
            int rtpPort = reserved.getAsInt();
            tried.set(config.ports().index(rtpPort));
            Channel rtp = null;
            Channel rtcp;
            try {
                rtp = bind(session, leg, Kind.RTP, address, rtpPort);
                rtcp = rtp == null ? null : bind(session, leg, Kind.RTCP, address, rtpPort + 1);
            } catch (RuntimeException e) {
                // A socket that cannot be bound or pinned: give the pair back before reporting it.
                if (rtp != null) {
                    rtp.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
                }
                ports.release(address, rtpPort);
                throw e;
            }
            if (rtcp != null) {
                return new LegSockets(address, rtpPort, rtp, rtcp);
            }
            if (rtp != null) {
                rtp.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
            }
            ports.release(address, rtpPort);
        }
        throw new PortRangeExhaustedException(address, config.ports(), ports.inUse(address));
    }

    /** The bound channel, or null when the port is taken; other failures are reported at once. */
    private Channel bind(NettyRelaySession session, RelayLeg leg, Kind kind, InetAddress address, int port) {
        EventLoop loop = session.loop();
        ChannelFuture bound = new Bootstrap()
                .group(loop)
                .channelFactory(datagramAt(address, io.datagram()))
                .option(ChannelOption.IP_TOS, config.tosByte())
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("gate", new GatedSocket(() -> gate, session.id()))
                                .addLast("relay", new RelayInbound(session, leg, kind, clock));
                    }
                })
                .bind(new InetSocketAddress(address, port));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT_MILLIS)) {
            bound.channel().close();
            throw new RelayException("binding " + address.getHostAddress() + ":" + port + " took longer than "
                    + BIND_TIMEOUT_MILLIS + " ms");
        }
        if (bound.isSuccess()) {
            return bound.channel();
        }
        String why = String.valueOf(bound.cause().getMessage());
        if (why.contains("in use")) {
            return null;
        }
        throw new RelayException("cannot bind " + address.getHostAddress() + ":" + port + ": " + why, bound.cause());
    }

    /** The channel type for a socket on {@code address}: pinned to its device when one is configured. */
    private <C extends Channel> io.netty.channel.ChannelFactory<C> datagramAt(InetAddress address,
                                                                            io.netty.channel.ChannelFactory<C> base) {
        return config.deviceFor(address).map(d -> DevicePin.pinned(base, d)).orElse(base);
    }

    /**
     * Closes a pair and returns its ports to the pool once both sockets are gone: at once when
     * called from a signalling thread (so a caller that closed a session sees the ports free), or
     * when the closes complete when called on the loop, which must not wait for itself.
     */
    void closePair(LegSockets pair) {
        ChannelFuture rtp = pair.rtp().close();
        ChannelFuture rtcp = pair.rtcp().close();
        if (pair.rtp().eventLoop().inEventLoop()) {
            rtp.addListener(f -> rtcp.addListener(g -> ports.release(pair.local(), pair.rtpPort())));
            return;
        }
        rtp.awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
        rtcp.awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
        ports.release(pair.local(), pair.rtpPort());
    }
}
