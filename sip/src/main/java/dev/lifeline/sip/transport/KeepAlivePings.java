package dev.lifeline.sip.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Outstanding CRLFCRLF pings on one connection (RFC 5626 §4.4.1). Pongs carry no identity, so
 * each pong answers the oldest ping still waiting. Touched only from the channel's event loop.
 */
final class KeepAlivePings {

    private static final AttributeKey<KeepAlivePings> KEY = AttributeKey.valueOf("lifeline.pings");

    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    static KeepAlivePings of(Channel channel) {
        KeepAlivePings pings = channel.attr(KEY).get();
        if (pings == null) {
            pings = new KeepAlivePings();
            channel.attr(KEY).set(pings);
            KeepAlivePings created = pings;
            channel.closeFuture().addListener(f -> created.failAll(channel));
        }
        return pings;
    }

    /** Registers a ping about to be written; it fails if no pong arrives within {@code timeout}. */
    CompletableFuture<Void> expectPong(Channel channel, Duration timeout) {
        CompletableFuture<Void> pong = new CompletableFuture<>();
        waiting.addLast(pong);
        channel.eventLoop().schedule(() -> {
            if (waiting.remove(pong)) {
                pong.completeExceptionally(new TransportException(
                        "no CRLF pong from " + channel.remoteAddress() + " within " + timeout));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return pong;
    }

    void pongReceived() {
        CompletableFuture<Void> oldest = waiting.pollFirst();
        if (oldest != null) {
            oldest.complete(null);
        }
    }

    private void failAll(Channel channel) {
        CompletableFuture<Void> pong;
        while ((pong = waiting.pollFirst()) != null) {
            pong.completeExceptionally(new TransportException(
                    "connection to " + channel.remoteAddress() + " closed before the CRLF pong"));
        }
    }
}
