package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.sip.stun.StunMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * STUN Binding checks (RFC 8489) from one path's address: a request to a target, answered with
 * the address the target saw us at. A provider's SBC often answers STUN on its SIP port (RFC 5626
 * §8.4), and any STUN server shows that the path carries packets both ways. Requests carry a
 * random transaction ID; only an answer from the target with that ID counts.
 */
public final class StunProber implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Channel channel;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(InetSocketAddress target, CompletableFuture<Optional<InetSocketAddress>> answer) {
    }

    private StunProber(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds a socket on the path's address (any port), DSCP CS3 like the signalling it stands in for.
     *
     * @throws IllegalStateException when the address cannot be bound, naming it
     */
    static StunProber start(WanPath path, ProbeIo io) {
        Answers answers = new Answers();
        ChannelFuture bound = new Bootstrap()
                .group(io.group())
                .channelFactory(io.datagramFor(path))
                .option(ChannelOption.IP_TOS, 24 << 2)
                .handler(answers)
                .bind(new InetSocketAddress(path.bind(), 0))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot bind the STUN socket of path " + path.name() + " to "
                    + path.bind().getHostAddress() + ": " + bound.cause().getMessage(), bound.cause());
        }
        bound.channel().pipeline().addFirst("gate", io.gate());
        StunProber prober = new StunProber(bound.channel());
        answers.prober = prober;
        return prober;
    }

    /** Completes with the address the target saw (true reachability), or empty after {@code timeout}. */
    public CompletableFuture<Optional<InetSocketAddress>> check(InetSocketAddress target, Duration timeout) {
        byte[] tid = new byte[12];
        RANDOM.nextBytes(tid);
        String key = HexFormat.of().formatHex(tid);
        CompletableFuture<Optional<InetSocketAddress>> answer = new CompletableFuture<>();
        pending.put(key, new Pending(target, answer));
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(StunMessage.request(tid).encode()), target));
        channel.eventLoop().schedule(() -> {
            pending.remove(key);
            answer.complete(Optional.empty());
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return answer;
    }

    private void answered(DatagramPacket p) {
        byte[] data = ByteBufUtil.getBytes(p.content());
        StunMessage.decode(data, 0, data.length).filter(m -> m.type() == StunMessage.BINDING_SUCCESS).ifPresent(m -> {
            String key = HexFormat.of().formatHex(m.transactionId());
            Pending waiting = pending.get(key);
            if (waiting != null && waiting.target().equals(p.sender())) {
                pending.remove(key);
                waiting.answer().complete(m.mapped());
            }
        });
    }

    private static final class Answers extends SimpleChannelInboundHandler<DatagramPacket> {
        StunProber prober;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (prober != null) {
                prober.answered(p);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP unreachable and the like: the answer is simply missing
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        pending.values().forEach(p -> p.answer().complete(Optional.empty()));
        pending.clear();
    }
}
