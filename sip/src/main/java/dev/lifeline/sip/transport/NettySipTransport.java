package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.OutboundDatagram;
import dev.lifeline.sip.codec.SipDatagramEncoder;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.codec.SipStreamDecoder;
import dev.lifeline.sip.codec.SipStreamEncoder;
import dev.lifeline.sip.codec.StreamKeepAlive;
import dev.lifeline.sip.logging.LogLimiter;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SipTransportLayer} on Netty: one event loop group (epoll or NIO) serving every listen
 * point and every outbound connection.
 */
public final class NettySipTransport implements SipTransportLayer {

    static final Logger log = LoggerFactory.getLogger(NettySipTransport.class);

    /** The largest UDP payload over IPv4 (65,535 minus IP and UDP headers). */
    static final int MAX_DATAGRAM = 65_507;

    private static final SipStreamEncoder STREAM_ENCODER = new SipStreamEncoder();
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private record Listener(ListenPoint point, Channel channel) {
    }

    private final TransportConfig config;
    private final NettyIo io;
    private final TlsMaterial tls;
    private final SipParser parser;
    private final TransportCounters counters = new TransportCounters();
    private final ConnectionTable connections = new ConnectionTable();
    private final ConnectionAdmission admission;
    /** Anyone can open connections: refusals cost one log line per source (and kind) per interval. */
    private final LogLimiter refusalLog = LogLimiter.system();
    private final InboundDispatch dispatch;
    private final DatagramIngress ingress;
    private final List<Listener> listeners = new ArrayList<>();
    /** Closed for an address while a fault injected there cuts its path; first in every pipeline. */
    private volatile SocketGate gate = SocketGate.OPEN;
    private final GateHandler gateHandler = new GateHandler(() -> gate);

    private NettySipTransport(TransportConfig config, TlsMaterial tls, InboundHandler handler,
                              IngressPriority priority) {
        this.config = config;
        this.tls = tls;
        this.parser = new SipParser(config.limits());
        this.admission = new ConnectionAdmission(config.connectionLimits());
        this.dispatch = new InboundDispatch(new InboundScreen(parser), handler, counters);
        this.ingress = new DatagramIngress(parser, priority, counters);
        this.io = NettyIo.create(config.ioThreads(), config.preferEpoll());
    }

    /** Binds every listen point; on any failure closes what was bound and throws. */
    public static NettySipTransport start(TransportConfig config, InboundHandler handler) throws TransportException {
        return start(config, handler, IngressPriority.NONE);
    }

    /**
     * As {@link #start(TransportConfig, InboundHandler)}; {@code priority} names the requests
     * that go ahead of the others waiting in the UDP ingress (responses always do).
     */
    public static NettySipTransport start(TransportConfig config, InboundHandler handler, IngressPriority priority)
            throws TransportException {
        TlsMaterial tls = TlsMaterial.load(config.tls());
        NettySipTransport transport = new NettySipTransport(config, tls, handler, priority);
        try {
            for (ListenPoint point : config.listenPoints()) {
                transport.listen(point);
            }
        } catch (TransportException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    /** TLS material in use: client profiles per host, reloading of changed certificate files. */
    public TlsMaterial tls() {
        return tls;
    }

    /** Whether sockets use native epoll (false: NIO). */
    public boolean nativeTransport() {
        return io.epoll();
    }

    /**
     * Sets the gate every socket asks before reading or writing (see {@link SocketGate}); applies
     * to the sockets open now and later.
     */
    public void gate(SocketGate value) {
        gate = java.util.Objects.requireNonNull(value, "gate");
    }

    @Override
    public List<ListenPoint> listenPoints() {
        return listeners.stream().map(Listener::point).toList();
    }

    // ---- listening ---------------------------------------------------------------------

    private void listen(ListenPoint point) throws TransportException {
        ChannelFuture bound = point.transport() == Transport.UDP ? bindDatagram(point) : bindStream(point);
        bound.awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new TransportException("cannot listen on " + point.transport() + " " + point.address()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        Channel channel = bound.channel();
        ListenPoint actual = new ListenPoint(point.transport(), (InetSocketAddress) channel.localAddress());
        listeners.add(new Listener(actual, channel));
        log.info("listening on {} {} ({}{})", actual.transport(), actual.address(), io.epoll() ? "epoll" : "nio",
                config.deviceFor(actual.address().getAddress()).map(d -> ", pinned to " + d).orElse(""));
    }

    private static final int DATAGRAM_RECEIVE_BUFFER = 4 << 20;

    // RCVBUF_ALLOCATOR is deprecated in Netty 4.2 without a replacement option yet; it is still
    // the only way to make datagram reads large enough.
    @SuppressWarnings("deprecation")
    private ChannelFuture bindDatagram(ListenPoint point) {
        return new Bootstrap()
                .group(io.group())
                .channelFactory(pinnedAt(point.address().getAddress(), io.datagram()))
                .option(ChannelOption.IP_TOS, config.dscp().tosByte())
                // Netty reads 2 KiB datagrams by default; SIP over UDP may use the whole 64 KiB.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                // A registration storm arrives faster than one read loop drains it: a larger kernel
                // buffer (capped by net.core.rmem_max) turns drops into queueing.
                .option(ChannelOption.SO_RCVBUF, DATAGRAM_RECEIVE_BUFFER)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ConnectionId id = connections.register(ch, Transport.UDP);
                        ch.pipeline().addLast("gate", gateHandler);
                        // The encoder before the ingress reader: a 400 written through the reader's
                        // context passes the encoder on its way out.
                        ch.pipeline().addLast("encoder", new SipDatagramEncoder())
                                .addLast("ingress", ingress.reader(new DatagramInbound(dispatch, id)));
                    }
                })
                .bind(point.address());
    }

    private ChannelFuture bindStream(ListenPoint point) {
        // Accepted connections inherit the listening socket's device.
        return new ServerBootstrap()
                .group(io.group())
                .channelFactory(pinnedAt(point.address().getAddress(), io.server()))
                .childOption(ChannelOption.IP_TOS, config.dscp().tosByte())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        InetAddress source = ((InetSocketAddress) ch.remoteAddress()).getAddress();
                        ConnectionAdmission.Verdict verdict = admission.admit(source);
                        if (verdict != ConnectionAdmission.Verdict.ADMITTED) {
                            refuse(ch, point.transport(), source, verdict);
                            return;
                        }
                        ch.closeFuture().addListener(f -> admission.release(source));
                        counters.connectionsAccepted.increment();
                        connections.registerStream(ch, point.transport());
                        initStream(ch, point.transport(), Optional.empty());
                    }
                })
                .bind(point.address());
    }

    /**
     * Closes a connection over the limits at once, with a reset: nothing was read from it, and a
     * flood of refusals should leave no TIME_WAIT sockets behind on the gateway.
     */
    private void refuse(Channel ch, Transport transport, InetAddress source, ConnectionAdmission.Verdict verdict) {
        ConnectionLimits limits = admission.limits();
        boolean sourceFull = verdict == ConnectionAdmission.Verdict.SOURCE_FULL;
        counters.drop(sourceFull ? DropReason.CONNECTION_OVER_SOURCE_LIMIT : DropReason.CONNECTION_OVER_TOTAL_LIMIT);
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ch.close();
        if (sourceFull) {
            refusalLog.admit("connection over source limit", source).ifPresent(held -> log.warn("refused a {}"
                    + " connection from {}: it has {} open, the most allowed from one address (phones behind one NAT"
                    + " share its address; raise the per-source limit for such a site){}", transport,
                    source.getHostAddress(), limits.maxPerSource(), LogLimiter.heldBack(held)));
        } else {
            // One line for every source: when all slots are full, the sources are many.
            refusalLog.admit("connection over total limit", null).ifPresent(held -> log.warn("refused a {}"
                    + " connection from {}: {} inbound TCP/TLS connections are open, the most allowed{}", transport,
                    source.getHostAddress(), limits.maxConnections(), LogLimiter.heldBack(held)));
        }
    }

    /** @param dialled the remote for outbound connections (TLS checks its name); empty for accepted ones */
    private void initStream(Channel ch, Transport transport, Optional<InetSocketAddress> dialled) {
        ch.pipeline().addLast("gate", gateHandler);
        if (transport == Transport.TLS) {
            SslHandler ssl = dialled.isPresent()
                    ? tls.newClientHandler(ch.alloc(), dialled.get()) : tls.newServerHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            ch.pipeline().addLast("tls", ssl);
        }
        // Only connections peers open get a message deadline: one we opened to a provider is ours to keep.
        // The idle timer sits behind the decoder, so that only whole messages and keepalives reset it,
        // never a trickle of bytes.
        ch.pipeline()
                .addLast("encoder", STREAM_ENCODER)
                .addLast("decoder", dialled.isPresent()
                        ? SipStreamDecoder.forDialled(parser, config.limits())
                        : SipStreamDecoder.forAccepted(parser, config.limits(), config.connectionLimits().messageTimeout()))
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("inbound", new StreamInbound(dispatch, counters, transport));
    }

    // ---- sending -----------------------------------------------------------------------

    @Override
    public CompletionStage<Sent> send(SipMessage message, Target target) {
        if (target.flow().isPresent()) {
            return sendOnFlow(message, target);
        }
        if (target.transport() == Transport.UDP) {
            Optional<Channel> from = Optional.empty();
            if (target.source().isPresent()) {
                from = udpSocketAt(target.source().get());
                if (from.isEmpty()) {
                    return failed("no UDP listen point on " + target.source().get().getHostAddress()
                            + " to send to " + text(target.remote()) + " from (is that address configured to listen?)");
                }
            }
            return sendDatagram(message, target.remote(), from);
        }
        return sendStream(message, target.transport(), target.remote(), target.source());
    }

    private CompletionStage<Sent> sendOnFlow(SipMessage message, Target target) {
        ConnectionId id = target.flow().get();
        Optional<Channel> channel = connections.find(id);
        if (channel.isEmpty()) {
            return failed("flow " + id + " to " + target.remote() + " is closed");
        }
        if (transportOf(channel.get()) == Transport.UDP) {
            return sendDatagram(message, target.remote(), channel);
        }
        return write(channel.get(), message, (InetSocketAddress) channel.get().remoteAddress());
    }

    private CompletionStage<Sent> sendDatagram(SipMessage message, InetSocketAddress remote, Optional<Channel> socket) {
        int size = message.toBytes().length;
        if (size > MAX_DATAGRAM) {
            return failed("message of " + size + " bytes does not fit a UDP datagram to " + remote
                    + "; send it over TCP (RFC 3261 §18.1.1)");
        }
        Optional<Channel> from = socket.or(() -> udpSocketFor(remote));
        if (from.isEmpty()) {
            return failed("no UDP listen point to send to " + remote + " from");
        }
        return write(from.get(), new OutboundDatagram(message, remote), remote);
    }

    /** A listening socket of the remote's address family, so replies and NAT bindings return to it. */
    private Optional<Channel> udpSocketFor(InetSocketAddress remote) {
        Class<?> family = remote.getAddress().getClass();
        return listeners.stream()
                .filter(l -> l.point().transport() == Transport.UDP && l.channel().isActive())
                .filter(l -> l.point().address().getAddress().getClass() == family)
                .map(Listener::channel)
                .findFirst();
    }

    /** The active UDP listening socket bound to exactly this address. */
    private Optional<Channel> udpSocketAt(InetAddress source) {
        return listeners.stream()
                .filter(l -> l.point().transport() == Transport.UDP && l.channel().isActive())
                .filter(l -> l.point().address().getAddress().equals(source))
                .map(Listener::channel)
                .findFirst();
    }

    private CompletionStage<Sent> sendStream(SipMessage message, Transport transport, InetSocketAddress remote,
                                             Optional<InetAddress> source) {
        Optional<String> noTls = transport == Transport.TLS ? tls.cannotDial(remote) : Optional.empty();
        if (noTls.isPresent()) {
            return failed("cannot send over TLS to " + remote + ": " + noTls.get());
        }
        ConnectionTable.StreamKey key = new ConnectionTable.StreamKey(transport, remote, source);
        return connections.stream(key, () -> connect(key)).thenCompose(channel -> write(channel, message, remote));
    }

    private CompletableFuture<Channel> connect(ConnectionTable.StreamKey key) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        Optional<InetSocketAddress> local = key.local().map(a -> new InetSocketAddress(a, 0))
                .or(() -> localAddressFor(key.transport()));
        Bootstrap bootstrap = new Bootstrap()
                .group(io.group())
                .channelFactory(pinnedAt(local.map(InetSocketAddress::getAddress), io.socket()))
                .option(ChannelOption.IP_TOS, config.dscp().tosByte())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initStream(ch, key.transport(), Optional.of(key.remote()));
                    }
                });
        local.ifPresent(bootstrap::localAddress);
        ChannelFuture connected = bootstrap.connect(key.remote());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new TransportException("cannot connect " + key.transport() + " to "
                        + text(key.remote()) + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            Channel channel = connected.channel();
            connections.register(channel, key.transport());
            counters.connectionsOpened.increment();
            awaitHandshake(channel, key, result);
        });
        return result;
    }

    private void awaitHandshake(Channel channel, ConnectionTable.StreamKey key, CompletableFuture<Channel> result) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            result.complete(channel);
            return;
        }
        ssl.handshakeFuture().addListener(h -> {
            if (h.isSuccess()) {
                result.complete(channel);
            } else {
                channel.close();
                result.completeExceptionally(new TransportException("TLS handshake with " + text(key.remote())
                        + " failed: " + h.cause().getMessage(), h.cause()));
                tls.handshakeFailed(new TlsHandshakeFailure(key.remote(), java.time.Instant.now(),
                        String.valueOf(h.cause().getMessage())));
            }
        });
    }

    /**
     * Outbound connections leave from the listen point's address when it is a specific one, so a
     * transport layer bound to one WAN path's address keeps its connections on that path.
     */
    /** The factory itself, or one pinning each socket to the device configured for {@code local}. */
    private <C extends Channel> ChannelFactory<C> pinnedAt(InetAddress local, ChannelFactory<C> factory) {
        return pinnedAt(Optional.of(local), factory);
    }

    private <C extends Channel> ChannelFactory<C> pinnedAt(Optional<InetAddress> local, ChannelFactory<C> factory) {
        return local.flatMap(config::deviceFor).map(device -> DevicePinning.pinned(factory, device)).orElse(factory);
    }

    private Optional<InetSocketAddress> localAddressFor(Transport transport) {
        return listeners.stream()
                .filter(l -> l.point().transport() == transport)
                .map(l -> l.point().address().getAddress())
                .filter(a -> !a.isAnyLocalAddress())
                .findFirst()
                .map(a -> new InetSocketAddress(a, 0));
    }

    private CompletableFuture<Sent> write(Channel channel, Object message, InetSocketAddress remote) {
        CompletableFuture<Sent> result = new CompletableFuture<>();
        Transport transport = transportOf(channel);
        channel.writeAndFlush(message).addListener(f -> {
            if (f.isSuccess()) {
                counters.messagesSent.increment();
                result.complete(new Sent(transport, channel.attr(ConnectionTable.ID).get(),
                        (InetSocketAddress) channel.localAddress(), remote));
            } else {
                result.completeExceptionally(new TransportException("cannot write to " + transport + " " + remote
                        + ": " + rootMessage(f.cause()), f.cause()));
            }
        });
        return result;
    }

    // ---- responses ---------------------------------------------------------------------

    @Override
    public CompletionStage<Sent> sendResponse(SipResponse response, ConnectionId requestConnection) {
        String token = response.topVia().transport();
        Optional<Transport> viaTransport = Transport.fromViaToken(token);
        if (viaTransport.isEmpty()) {
            return failed("cannot route a response over Via transport " + token);
        }
        Transport transport = viaTransport.get();
        Optional<Channel> arrivedOn = connections.find(requestConnection);
        boolean streamOpen = transport.reliable() && arrivedOn.filter(c -> transportOf(c).reliable()).isPresent();
        return switch (ResponseRouting.select(response.topVia(), transport, streamOpen)) {
            case ResponseRoute.SameConnection same ->
                    write(arrivedOn.get(), response, (InetSocketAddress) arrivedOn.get().remoteAddress());
            case ResponseRoute.Destination destination -> sendToDestination(response, destination,
                    arrivedOn.filter(c -> transportOf(c) == Transport.UDP));
        };
    }

    private CompletionStage<Sent> sendToDestination(SipResponse response, ResponseRoute.Destination destination,
                                                    Optional<Channel> udpSocket) {
        Optional<InetAddress> address = ipLiteral(destination.host());
        if (address.isEmpty()) {
            // A name here means the Via was never stamped with received; RFC 3263 §5 belongs to the caller.
            return failed("response destination " + destination.host() + " is not an IP address");
        }
        InetSocketAddress remote = new InetSocketAddress(address.get(), destination.port());
        if (destination.transport() == Transport.UDP) {
            return sendDatagram(response, remote, udpSocket);
        }
        return sendStream(response, destination.transport(), remote, Optional.empty());
    }

    private static Optional<InetAddress> ipLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // unreachable: the length was checked by the literal parser
        }
    }

    // ---- keepalive and housekeeping -----------------------------------------------------

    @Override
    public CompletionStage<Void> ping(ConnectionId connection, Duration timeout) {
        Optional<Channel> found = connections.find(connection);
        if (found.isEmpty() || !transportOf(found.get()).reliable()) {
            return CompletableFuture.failedFuture(new TransportException(
                    "no open TCP/TLS connection " + connection + " to ping"));
        }
        Channel channel = found.get();
        CompletableFuture<Void> pong = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            CompletableFuture<Void> expected = KeepAlivePings.of(channel).expectPong(channel, timeout);
            expected.whenComplete((ok, error) -> complete(pong, error));
            channel.writeAndFlush(StreamKeepAlive.PING).addListener(f -> {
                if (!f.isSuccess()) {
                    expected.completeExceptionally(new TransportException(
                            "cannot write ping to " + channel.remoteAddress() + ": " + rootMessage(f.cause())));
                }
            });
        });
        return pong;
    }

    @Override
    public CompletionStage<Sent> sendKeepAlive(Target target) {
        Optional<Channel> flow = target.flow().flatMap(connections::find);
        if (target.flow().isPresent() && flow.isEmpty()) {
            return failed("flow " + target.flow().get() + " to " + target.remote() + " is closed");
        }
        if (target.transport() != Transport.UDP) {
            if (flow.isEmpty()) {
                return failed("a " + target.transport() + " keepalive needs an open connection to " + target.remote());
            }
            return write(flow.get(), StreamKeepAlive.PING, (InetSocketAddress) flow.get().remoteAddress());
        }
        Optional<Channel> from = flow.or(() -> target.source().isPresent()
                ? udpSocketAt(target.source().get()) : udpSocketFor(target.remote()));
        if (from.isEmpty()) {
            return failed("no UDP listen point to send a keepalive to " + target.remote() + " from");
        }
        // A DatagramPacket passes the SIP encoder untouched: these four bytes are not a SIP message.
        return write(from.get(), new DatagramPacket(Unpooled.wrappedBuffer(CRLF_CRLF), target.remote()), target.remote());
    }

    @Override
    public boolean isOpen(ConnectionId connection) {
        return connections.find(connection).isPresent();
    }

    /** The channel behind a flow, for tests that inspect socket options. */
    Optional<Channel> channel(ConnectionId connection) {
        return connections.find(connection);
    }

    @Override
    public TransportStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        tls.stopWatching();
        for (Listener listener : listeners) {
            listener.channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        io.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        ingress.close();
    }

    private static Transport transportOf(Channel channel) {
        return channel.attr(ConnectionTable.TRANSPORT).get();
    }

    private static <T> CompletableFuture<T> failed(String message) {
        return CompletableFuture.failedFuture(new TransportException(message));
    }

    private static void complete(CompletableFuture<Void> target, Throwable error) {
        if (error == null) {
            target.complete(null);
        } else {
            target.completeExceptionally(error);
        }
    }

    /** "127.0.0.1:5061" or "[2001:db8::1]:5061", without InetSocketAddress's "host/ip" form. */
    static String text(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage())
                : error.getMessage() + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
