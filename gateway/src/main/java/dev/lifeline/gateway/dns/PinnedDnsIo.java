package dev.lifeline.gateway.dns;

import dev.lifeline.sip.transport.DevicePinning;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * DNS queries of a path pinned to its device (SO_BINDTODEVICE), for paths with {@code interface:}:
 * the resolver's own sockets are portable NIO, which cannot carry the option. Each query is one
 * native socket: UDP, or TCP with the two-byte length framing (RFC 1035 §4.2.2) when an answer is
 * truncated. A socket that cannot be pinned fails the query; it is never sent unpinned.
 */
final class PinnedDnsIo implements IoClientFactory, UdpIoClient, TcpIoClient {

    /** One daemon event loop for every pinned path's DNS: queries are few and small. */
    private static final class Loop {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, daemon(), EpollIoHandler.newFactory());

        private static ThreadFactory daemon() {
            return r -> {
                Thread t = new Thread(r, "dns-pinned");
                t.setDaemon(true);
                return t;
            };
        }
    }

    private final String device;

    PinnedDnsIo(String device) {
        this.device = device;
        // The event loop starts with the resolver, not inside the first query's timeout.
        Loop.GROUP.next();
    }

    @Override
    public TcpIoClient createOrGetTcpClient() {
        return this;
    }

    @Override
    public UdpIoClient createOrGetUdpClient() {
        return this;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote, Message query,
                                                       byte[] data, int max, Duration timeout) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        int id = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        ChannelFuture bound = new Bootstrap()
                .group(Loop.GROUP)
                .channelFactory(DevicePinning.pinned(EpollDatagramChannel::new, device))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        // Only the server asked, and only the answer to this query (an ID other
                        // than ours is someone else's, or spoofed).
                        if (packet.sender().equals(remote) && content.readableBytes() >= 2
                                && content.getUnsignedShort(content.readerIndex()) == id) {
                            byte[] bytes = ByteBufUtil.getBytes(content);
                            answer.complete(bytes.length > max ? Arrays.copyOf(bytes, max) : bytes);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // e.g. an ICMP port unreachable: this query is over, the resolver tries the next server.
                        answer.completeExceptionally(cause);
                    }
                })
                .bind(local == null ? new InetSocketAddress(0) : local);
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
                return;
            }
            bound.channel().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), remote))
                    .addListener(w -> {
                        if (!w.isSuccess()) {
                            answer.completeExceptionally(w.cause());
                        }
                    });
        });
        return bounded(answer, bound.channel(), remote, timeout);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveTcp(InetSocketAddress local, InetSocketAddress remote, Message query,
                                                       byte[] data, Duration timeout) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(Loop.GROUP)
                .channelFactory(DevicePinning.pinned(EpollSocketChannel::new, device))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65_535, 0, 2, 0, 2))
                                .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                        answer.complete(ByteBufUtil.getBytes(frame));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        answer.completeExceptionally(cause);
                                    }
                                });
                    }
                });
        if (local != null) {
            bootstrap.localAddress(local);
        }
        ChannelFuture connected = bootstrap.connect(remote);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
                return;
            }
            ByteBuf framed = Unpooled.buffer(2 + data.length).writeShort(data.length).writeBytes(data);
            connected.channel().writeAndFlush(framed).addListener(w -> {
                if (!w.isSuccess()) {
                    answer.completeExceptionally(w.cause());
                }
            });
        });
        return bounded(answer, connected.channel(), remote, timeout);
    }

    /** Fails the query after {@code timeout} and closes its socket once it is over either way. */
    private static CompletableFuture<byte[]> bounded(CompletableFuture<byte[]> answer, Channel channel,
                                                     InetSocketAddress remote, Duration timeout) {
        var timer = Loop.GROUP.schedule(() -> answer.completeExceptionally(new SocketTimeoutException(
                "no answer from " + remote + " in " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((bytes, error) -> {
            timer.cancel(false);
            if (channel != null) {
                channel.close();
            }
        });
        return answer;
    }
}
