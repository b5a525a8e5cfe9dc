package dev.lifeline.sip.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Open flows by id and stream connections by (transport, remote address, local address), so that
 * sends to a peer share one connection whether we opened it or the peer did (RFC 5626 flow reuse).
 * A send that names no local address takes any connection to the remote; one that names its
 * source (a WAN path's address) only a connection from that address. Entries leave when their
 * channel closes.
 */
final class ConnectionTable {

    static final AttributeKey<ConnectionId> ID = AttributeKey.valueOf("lifeline.connectionId");
    static final AttributeKey<Transport> TRANSPORT = AttributeKey.valueOf("lifeline.transport");

    /** @param local the source address the connection must leave from; empty: any */
    record StreamKey(Transport transport, InetSocketAddress remote, Optional<InetAddress> local) {
    }

    private final AtomicLong nextId = new AtomicLong(1);
    private final ConcurrentMap<ConnectionId, Channel> byId = new ConcurrentHashMap<>();
    private final ConcurrentMap<StreamKey, CompletableFuture<Channel>> streams = new ConcurrentHashMap<>();

    /** Gives a channel its id and forgets it when it closes. */
    ConnectionId register(Channel channel, Transport transport) {
        ConnectionId id = new ConnectionId(nextId.getAndIncrement());
        channel.attr(ID).set(id);
        channel.attr(TRANSPORT).set(transport);
        byId.put(id, channel);
        channel.closeFuture().addListener(f -> byId.remove(id, channel));
        return id;
    }

    /** Registers an accepted or newly connected stream so later sends to its remote reuse it. */
    void registerStream(Channel channel, Transport transport) {
        register(channel, transport);
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        InetAddress local = ((InetSocketAddress) channel.localAddress()).getAddress();
        CompletableFuture<Channel> done = CompletableFuture.completedFuture(channel);
        for (StreamKey key : new StreamKey[] {new StreamKey(transport, remote, Optional.empty()),
                new StreamKey(transport, remote, Optional.of(local))}) {
            streams.merge(key, done, (old, fresh) -> isLive(old) ? old : fresh);
            channel.closeFuture().addListener(f -> streams.remove(key, done));
        }
    }

    Optional<Channel> find(ConnectionId id) {
        return Optional.ofNullable(byId.get(id)).filter(Channel::isActive);
    }

    /**
     * The open connection to this remote, or the one being opened, or a new one from
     * {@code connector}; concurrent callers share a single connect attempt.
     */
    CompletableFuture<Channel> stream(StreamKey key, Supplier<CompletableFuture<Channel>> connector) {
        while (true) {
            CompletableFuture<Channel> existing = streams.get(key);
            if (existing != null && isLive(existing)) {
                return existing;
            }
            CompletableFuture<Channel> attempt = new CompletableFuture<>();
            boolean won = existing == null ? streams.putIfAbsent(key, attempt) == null : streams.replace(key, existing, attempt);
            if (won) {
                connector.get().whenComplete((channel, error) -> settle(key, attempt, channel, error));
                return attempt;
            }
        }
    }

    private void settle(StreamKey key, CompletableFuture<Channel> attempt, Channel channel, Throwable error) {
        if (error != null) {
            streams.remove(key, attempt);
            attempt.completeExceptionally(error);
            return;
        }
        channel.closeFuture().addListener(f -> streams.remove(key, attempt));
        attempt.complete(channel);
    }

    /** Pending attempts count as live; failed ones and closed channels do not. */
    private static boolean isLive(CompletableFuture<Channel> entry) {
        if (!entry.isDone()) {
            return true;
        }
        return !entry.isCompletedExceptionally() && entry.join().isActive();
    }

    int size() {
        return byId.size();
    }
}
