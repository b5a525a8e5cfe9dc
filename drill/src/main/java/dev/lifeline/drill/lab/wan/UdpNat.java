package dev.lifeline.drill.lab.wan;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP half of an emulator: inside forwards, the NAT's mappings on the public address, and
 * the per-packet path through the impairment links. Everything but {@link #addForward} runs on
 * the emulator's single event loop, so the mapping table needs no locks.
 *
 * <p>Site → provider: a packet from inside source S to forward F finds or makes S's mapping
 * (endpoint-independent mapping: one public port per S, whatever F), refreshes it, records F's
 * target as contacted, then crosses the upstream link and leaves the mapping's socket for the
 * target. Provider → site: a packet to a mapping's socket crosses the downstream link first (the
 * WAN is outside the NAT), and when it is due the NAT checks the mapping is still alive and its
 * filtering admits the sender, then sends it to S from the inside address of the forward whose
 * target sent it (or, for an admitted sender that is no target, a forward with the sender's IP,
 * else the forward S used last).
 */
final class UdpNat {

    private static final Logger LOG = LoggerFactory.getLogger(UdpNat.class);
    private static final int MAX_DATAGRAM = 65_535;
    private static final int SOCKET_BUFFER = 1 << 20;

    private final WanEmulator wan;
    private final EventLoop loop;
    private final NatPolicy policy;
    private final List<Forward> forwards = new CopyOnWriteArrayList<>();
    private final Map<InetSocketAddress, Mapping> byInside = new HashMap<>();
    private final ArrayDeque<Mapping> tombstones = new ArrayDeque<>();

    UdpNat(WanEmulator wan, EventLoop loop, NatPolicy policy) {
        this.wan = wan;
        this.loop = loop;
        this.policy = policy;
    }

    /** An inside socket and where its traffic goes. */
    private record Forward(Channel channel, UdpForward address) {
        static Forward of(Channel channel, InetSocketAddress target) {
            return new Forward(channel, new UdpForward((InetSocketAddress) channel.localAddress(), target));
        }
    }

    /** One NAT mapping; mutable, touched on the loop only. */
    private static final class Mapping {
        final InetSocketAddress inside;
        final Channel channel;
        final InetSocketAddress outside;
        final boolean fixed;
        final Set<InetSocketAddress> contacted = new LinkedHashSet<>();
        Instant lastRefresh;
        Forward lastForward;
        DropReason gone;

        Mapping(InetSocketAddress inside, Channel channel, boolean fixed, Instant now) {
            this.inside = inside;
            this.channel = channel;
            this.outside = (InetSocketAddress) channel.localAddress();
            this.fixed = fixed;
            this.lastRefresh = now;
        }

        NatMapping snapshot() {
            return new NatMapping(inside, outside, lastRefresh, fixed);
        }
    }

    /** Where a packet goes when it is due, or why it cannot. */
    private record Hop(Channel channel, InetSocketAddress recipient, DropReason refused) {
        static Hop refused(DropReason reason) {
            return new Hop(null, null, reason);
        }
    }

    @FunctionalInterface
    private interface Route {
        Hop resolve();
    }

    /**
     * A packet's addresses on the WAN side and when it arrived, for the emulator's packet
     * listeners; {@code data} is a copy, null when nobody listens.
     */
    private record Seen(Instant at, Direction direction, InetSocketAddress from, InetSocketAddress to,
                        InetSocketAddress inside, byte[] data) {

        void report(WanEmulator wan, DropReason dropped) {
            if (data != null) {
                wan.tap(new WanPacket(at, direction, from, to, inside, data, java.util.Optional.ofNullable(dropped)));
            }
        }
    }

    private Seen seen(Instant at, Direction direction, InetSocketAddress from, InetSocketAddress to,
                      InetSocketAddress inside, ByteBuf payload) {
        if (!wan.tapped()) {
            return new Seen(at, direction, from, to, inside, null);
        }
        byte[] data = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), data);
        return new Seen(at, direction, from, to, inside, data);
    }

    // ---- configuration (any thread but the loop) -------------------------------------------

    // RCVBUF_ALLOCATOR is deprecated in Netty 4.2 without a replacement option yet; without it a
    // datagram channel reads at most 2048 bytes and would cut a large SIP message short.
    @SuppressWarnings("deprecation")
    UdpForward addForward(InetSocketAddress inside, InetSocketAddress target) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .handler(new ForwardReader(target));
        Channel channel;
        try {
            channel = bootstrap.bind(inside).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WanException("interrupted while binding the UDP forward on " + inside, e);
        } catch (Exception e) {
            throw new WanException("cannot bind the UDP forward of emulator '" + wan.name() + "' on "
                    + inside + ": " + e.getMessage() + "; pick a free address or port 0", e);
        }
        Forward forward = Forward.of(channel, target);
        forwards.add(forward);
        LOG.info("wan {}: UDP {} -> {}", wan.name(), forward.address().inside(), target);
        return forward.address();
    }

    /**
     * Reads an inside socket. In the bootstrap, not added after the bind, so that no packet that
     * arrives right after the bind passes by it.
     */
    private final class ForwardReader extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress target;
        private Forward forward;

        ForwardReader(InetSocketAddress target) {
            this.target = target;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                if (forward == null) {
                    forward = Forward.of(ctx.channel(), target);
                }
                upstream(forward, packet);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    List<UdpForward> forwards() {
        return forwards.stream().map(Forward::address).toList();
    }

    // ---- on the loop -----------------------------------------------------------------------

    InetSocketAddress addStatic(InetSocketAddress insideHost, int publicPort) {
        Mapping existing = byInside.get(insideHost);
        if (existing != null) {
            throw new WanException("emulator '" + wan.name() + "' already maps " + insideHost + " to "
                    + existing.outside + "; one mapping per inside source");
        }
        Channel channel;
        try {
            channel = bindPublic(publicPort);
        } catch (IOException e) {
            throw new WanException("cannot bind the static mapping of emulator '" + wan.name() + "' on "
                    + wan.publicAddress().getHostAddress() + ":" + publicPort + ": " + e.getMessage()
                    + "; pick a free port or 0", e);
        }
        Mapping mapping = new Mapping(insideHost, channel, true, wan.clock().instant());
        attach(mapping);
        byInside.put(insideHost, mapping);
        LOG.info("wan {}: static mapping {} <-> {}", wan.name(), mapping.outside, insideHost);
        return mapping.outside;
    }

    /** Remote addresses a firewall rule blocks both ways (e.g. the provider's SIP ports, not its media). */
    private final java.util.Set<InetSocketAddress> blocked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Only this inside address reaches the WAN (source routing); null: any. */
    private volatile java.net.InetAddress insideOnly;

    void acceptOnlyFrom(java.net.InetAddress inside) {
        insideOnly = inside;
    }

    void block(InetSocketAddress remote, boolean on) {
        if (on) {
            blocked.add(remote);
        } else {
            blocked.remove(remote);
        }
    }

    private void upstream(Forward forward, DatagramPacket packet) {
        ByteBuf payload = copy(packet);
        InetSocketAddress source = packet.sender();
        Link up = wan.link(Direction.UPSTREAM);
        up.counters.in();
        Instant now = wan.clock().instant();
        InetSocketAddress target = forward.address().target();
        java.net.InetAddress only = insideOnly;
        if (blocked.contains(target) || (only != null && !only.equals(source.getAddress()))) {
            DropReason reason = only != null && !only.equals(source.getAddress()) ? DropReason.NO_ROUTE : DropReason.FILTERED;
            up.counters.dropped(reason);
            seen(now, Direction.UPSTREAM, source, target, source, payload).report(wan, reason);
            payload.release();
            return;
        }
        Mapping mapping = byInside.get(source);
        if (mapping != null && !mapping.fixed && policy.expired(mapping.lastRefresh, now)) {
            expire(mapping, now);
            mapping = null;
        }
        if (mapping == null) {
            mapping = create(source, now);
            if (mapping == null) {
                up.counters.dropped(DropReason.NAT_EXHAUSTED);
                seen(now, Direction.UPSTREAM, source, target, source, payload).report(wan, DropReason.NAT_EXHAUSTED);
                payload.release();
                return;
            }
        }
        mapping.lastRefresh = now;
        mapping.contacted.add(target);
        mapping.lastForward = forward;
        Mapping via = mapping;
        carry(up, payload, seen(now, Direction.UPSTREAM, mapping.outside, target, source, payload),
                () -> via.channel.isActive()
                ? new Hop(via.channel, forward.address().target(), null)
                : Hop.refused(DropReason.SEND_FAILED));
    }

    private void downstream(Mapping mapping, DatagramPacket packet) {
        ByteBuf payload = copy(packet);
        InetSocketAddress remote = packet.sender();
        Link down = wan.link(Direction.DOWNSTREAM);
        down.counters.in();
        Seen seen = seen(wan.clock().instant(), Direction.DOWNSTREAM, remote, mapping.outside, mapping.inside, payload);
        if (blocked.contains(remote)) {
            down.counters.dropped(DropReason.FILTERED);
            seen.report(wan, DropReason.FILTERED);
            payload.release();
            return;
        }
        carry(down, payload, seen, () -> admit(mapping, remote));
    }

    /** The NAT's verdict on a provider → site packet when it reaches the site's router. */
    private Hop admit(Mapping mapping, InetSocketAddress remote) {
        if (mapping.gone != null) {
            return Hop.refused(mapping.gone);
        }
        Instant now = wan.clock().instant();
        if (!mapping.fixed && policy.expired(mapping.lastRefresh, now)) {
            expire(mapping, now);
            return Hop.refused(DropReason.MAPPING_EXPIRED);
        }
        Filtering filtering = mapping.fixed ? Filtering.ENDPOINT_INDEPENDENT : policy.filtering();
        if (!filtering.admits(mapping.contacted, remote)) {
            return Hop.refused(DropReason.FILTERED);
        }
        if (policy.inboundRefresh()) {
            mapping.lastRefresh = now;
        }
        Forward forward = routeBack(mapping, remote);
        return forward == null ? Hop.refused(DropReason.NO_ROUTE)
                : new Hop(forward.channel(), mapping.inside, null);
    }

    private Forward routeBack(Mapping mapping, InetSocketAddress remote) {
        Forward sameIp = null;
        for (Forward f : forwards) {
            InetSocketAddress target = f.address().target();
            if (target.equals(remote)) {
                return f;
            }
            if (sameIp == null && target.getAddress().equals(remote.getAddress())) {
                sameIp = f;
            }
        }
        if (sameIp != null) {
            return sameIp;
        }
        if (mapping.lastForward != null) {
            return mapping.lastForward;
        }
        return forwards.isEmpty() ? null : forwards.get(0);
    }

    /** Runs the link model on a packet and delivers it when due; takes ownership of payload. */
    private void carry(Link link, ByteBuf payload, Seen seen, Route route) {
        long now = System.nanoTime();
        LinkStep step = LinkModel.next(link.state, link.impairment.get(), payload.readableBytes(), now,
                wan.random());
        link.state = step.state();
        switch (step.decision()) {
            case LinkDecision.Drop drop -> {
                link.counters.dropped(drop.reason());
                seen.report(wan, drop.reason());
                payload.release();
            }
            case LinkDecision.Deliver deliver -> {
                if (link.pending + deliver.copies() > wan.maxPendingPackets()) {
                    link.counters.dropped(DropReason.BACKLOG_FULL);
                    seen.report(wan, DropReason.BACKLOG_FULL);
                    payload.release();
                    return;
                }
                if (deliver.copies() > 1) {
                    link.counters.duplicated();
                }
                long wait = deliver.atNanos() - now;
                for (int i = 0; i < deliver.copies(); i++) {
                    ByteBuf copy = i == deliver.copies() - 1 ? payload : payload.retainedDuplicate();
                    if (wait <= 0 && link.pending == 0) {
                        deliver(link, copy, seen, route);
                    } else {
                        link.pending++;
                        loop.schedule(() -> {
                            link.pending--;
                            deliver(link, copy, seen, route);
                        }, Math.max(0, wait), TimeUnit.NANOSECONDS);
                    }
                }
            }
        }
    }

    private void deliver(Link link, ByteBuf payload, Seen seen, Route route) {
        if (link.down()) {
            link.counters.dropped(DropReason.BLACKHOLE);
            seen.report(wan, DropReason.BLACKHOLE);
            payload.release();
            return;
        }
        Hop hop = route.resolve();
        if (hop.refused() != null) {
            link.counters.dropped(hop.refused());
            seen.report(wan, hop.refused());
            payload.release();
            return;
        }
        hop.channel().writeAndFlush(new DatagramPacket(payload, hop.recipient())).addListener(f -> {
            if (f.isSuccess()) {
                link.counters.delivered();
                seen.report(wan, null);
            } else {
                link.counters.dropped(DropReason.SEND_FAILED);
                seen.report(wan, DropReason.SEND_FAILED);
                LOG.debug("wan {}: {} send to {} failed", wan.name(), link.direction, hop.recipient(),
                        f.cause());
            }
        });
    }

    private Mapping create(InetSocketAddress inside, Instant now) {
        if (byInside.size() >= policy.maxMappings()) {
            LOG.warn("wan {}: mapping limit {} reached, dropping packet from {}", wan.name(),
                    policy.maxMappings(), inside);
            return null;
        }
        Channel channel;
        try {
            channel = bindPublic(0);
        } catch (IOException e) {
            LOG.warn("wan {}: cannot bind a public port for {}: {}", wan.name(), inside, e.getMessage());
            return null;
        }
        Mapping mapping = new Mapping(inside, channel, false, now);
        attach(mapping);
        byInside.put(inside, mapping);
        LOG.debug("wan {}: mapping {} <-> {}", wan.name(), mapping.outside, inside);
        wan.emit(new WanEvent.MappingCreated(wan.name(), inside, mapping.outside, now));
        return mapping;
    }

    /**
     * Binds a public socket synchronously with the JDK, then hands it to Netty. Registering from
     * the loop itself completes at once, so the first packet can leave immediately.
     */
    private Channel bindPublic(int port) throws IOException {
        var family = wan.publicAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        java.nio.channels.DatagramChannel jdk = java.nio.channels.DatagramChannel.open(family);
        try {
            jdk.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            jdk.bind(new InetSocketAddress(wan.publicAddress(), port));
        } catch (IOException | RuntimeException e) {
            jdk.close();
            throw e;
        }
        NioDatagramChannel channel = new NioDatagramChannel(jdk);
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        return channel;
    }

    private void attach(Mapping mapping) {
        mapping.channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof DatagramPacket packet) {
                    downstream(mapping, packet);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
        loop.register(mapping.channel);
    }

    private void expire(Mapping mapping, Instant now) {
        byInside.remove(mapping.inside);
        bury(mapping, DropReason.MAPPING_EXPIRED);
        LOG.info("wan {}: mapping {} <-> {} expired after {} idle", wan.name(), mapping.outside,
                mapping.inside, policy.idleTimeout());
        wan.emit(new WanEvent.MappingExpired(wan.name(), mapping.inside, mapping.outside, now));
    }

    /** Keeps a forgotten mapping's port bound (late packets are counted, the port is not reused). */
    private void bury(Mapping mapping, DropReason reason) {
        mapping.gone = reason;
        tombstones.addLast(mapping);
        while (tombstones.size() > policy.tombstones()) {
            tombstones.removeFirst().channel.close();
        }
    }

    /** Forgets idle mappings; the emulator runs it periodically. */
    void sweep() {
        Instant now = wan.clock().instant();
        List<Mapping> idle = new ArrayList<>();
        for (Mapping m : byInside.values()) {
            if (!m.fixed && policy.expired(m.lastRefresh, now)) {
                idle.add(m);
            }
        }
        idle.forEach(m -> expire(m, now));
    }

    /** Forgets every dynamic mapping, as a NAT reboot does; returns how many. */
    int reset() {
        List<Mapping> dynamic = byInside.values().stream().filter(m -> !m.fixed).toList();
        for (Mapping m : dynamic) {
            byInside.remove(m.inside);
            bury(m, DropReason.MAPPING_RESET);
        }
        return dynamic.size();
    }

    List<NatMapping> mappings() {
        sweep();
        return byInside.values().stream().map(Mapping::snapshot).toList();
    }

    void close() {
        byInside.values().forEach(m -> m.channel.close());
        tombstones.forEach(m -> m.channel.close());
        byInside.clear();
        tombstones.clear();
        forwards.forEach(f -> f.channel().close());
    }

    private static ByteBuf copy(DatagramPacket packet) {
        try {
            return Unpooled.copiedBuffer(packet.content());
        } finally {
            packet.release();
        }
    }
}
