package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseLimits;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the transport layer is configured with, validated once at construction.
 *
 * @param idleTimeout     a connection with no traffic either way for this long is closed;
 *                        keepalives (RFC 5626) count as traffic, so flows kept alive survive,
 *                        while the bytes of a message that never completes do not
 * @param connectTimeout  bound on TCP connect plus TLS handshake for outbound connections
 * @param ioThreads       event loop threads; 0 lets Netty choose (twice the cores)
 * @param preferEpoll     use native epoll when available; false forces NIO (portable, testable)
 * @param connectionLimits caps on the TCP/TLS connections peers open, and the deadline for a message on them
 * @param devices         local address to network device: every socket bound to (or connecting
 *                        from) such an address is pinned to the device (SO_BINDTODEVICE, Linux with
 *                        epoll only), and refuses to open if it cannot be
 */
public record TransportConfig(
        List<ListenPoint> listenPoints,
        Optional<TlsConfig> tls,
        Dscp dscp,
        Duration idleTimeout,
        Duration connectTimeout,
        ParseLimits limits,
        int ioThreads,
        boolean preferEpoll,
        ConnectionLimits connectionLimits,
        Map<InetAddress, String> devices) {

    public TransportConfig {
        listenPoints = List.copyOf(listenPoints);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(dscp, "dscp");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connectionLimits, "connectionLimits");
        devices = Map.copyOf(devices);
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0, got " + ioThreads);
        }
        boolean wantsTls = listenPoints.stream().anyMatch(p -> p.transport() == Transport.TLS);
        if (wantsTls && tls.isEmpty()) {
            throw new IllegalArgumentException("a TLS listen point needs TLS material (certificate chain and key)");
        }
    }

    /** With no sockets pinned to a device. */
    public TransportConfig(List<ListenPoint> listenPoints, Optional<TlsConfig> tls, Dscp dscp, Duration idleTimeout,
                           Duration connectTimeout, ParseLimits limits, int ioThreads, boolean preferEpoll,
                           ConnectionLimits connectionLimits) {
        this(listenPoints, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll, connectionLimits,
                Map.of());
    }

    /** With the default {@link ConnectionLimits}. */
    public TransportConfig(List<ListenPoint> listenPoints, Optional<TlsConfig> tls, Dscp dscp, Duration idleTimeout,
                           Duration connectTimeout, ParseLimits limits, int ioThreads, boolean preferEpoll) {
        this(listenPoints, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll,
                ConnectionLimits.DEFAULT);
    }

    /**
     * Listens on the given points with defaults: CS3, 10 min idle, 5 s connect, default parse
     * limits and connection limits.
     */
    public static TransportConfig of(List<ListenPoint> listenPoints) {
        return new TransportConfig(listenPoints, Optional.empty(), Dscp.CS3, Duration.ofMinutes(10),
                Duration.ofSeconds(5), ParseLimits.DEFAULT, 0, true, ConnectionLimits.DEFAULT);
    }

    public TransportConfig withListenPoints(List<ListenPoint> points) {
        return new TransportConfig(points, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll,
                connectionLimits, devices);
    }

    public TransportConfig withTls(TlsConfig tlsConfig) {
        return new TransportConfig(listenPoints, Optional.of(tlsConfig), dscp, idleTimeout, connectTimeout, limits,
                ioThreads, preferEpoll, connectionLimits, devices);
    }

    public TransportConfig withDscp(Dscp value) {
        return new TransportConfig(listenPoints, tls, value, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll,
                connectionLimits, devices);
    }

    public TransportConfig withIdleTimeout(Duration value) {
        return new TransportConfig(listenPoints, tls, dscp, value, connectTimeout, limits, ioThreads, preferEpoll,
                connectionLimits, devices);
    }

    public TransportConfig withConnectTimeout(Duration value) {
        return new TransportConfig(listenPoints, tls, dscp, idleTimeout, value, limits, ioThreads, preferEpoll,
                connectionLimits, devices);
    }

    public TransportConfig withLimits(ParseLimits value) {
        return new TransportConfig(listenPoints, tls, dscp, idleTimeout, connectTimeout, value, ioThreads, preferEpoll,
                connectionLimits, devices);
    }

    public TransportConfig withPreferEpoll(boolean value) {
        return new TransportConfig(listenPoints, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, value,
                connectionLimits, devices);
    }

    public TransportConfig withConnectionLimits(ConnectionLimits value) {
        return new TransportConfig(listenPoints, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll,
                value, devices);
    }

    /** Pins the sockets on each address to its device (see {@code devices}). */
    public TransportConfig withDevices(Map<InetAddress, String> value) {
        return new TransportConfig(listenPoints, tls, dscp, idleTimeout, connectTimeout, limits, ioThreads, preferEpoll,
                connectionLimits, value);
    }

    /** The device sockets on {@code local} are pinned to, if any. */
    public Optional<String> deviceFor(InetAddress local) {
        return Optional.ofNullable(devices.get(local));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
