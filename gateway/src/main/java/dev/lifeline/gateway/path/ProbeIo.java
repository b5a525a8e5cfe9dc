package dev.lifeline.gateway.path;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.concurrent.TimeUnit;

/** Event loop and datagram channel type for probes: native epoll on Linux when it loads, else NIO. */
record ProbeIo(EventLoopGroup group, ChannelFactory<? extends DatagramChannel> datagram, boolean epoll,
               dev.lifeline.sip.transport.GateHandler gate)
        implements AutoCloseable {

    static ProbeIo create(int threads) {
        return create(threads, () -> dev.lifeline.sip.transport.SocketGate.OPEN);
    }

    /** @param gate asked by every probe socket before each read and write (an injected path cut closes it) */
    static ProbeIo create(int threads, java.util.function.Supplier<dev.lifeline.sip.transport.SocketGate> gate) {
        dev.lifeline.sip.transport.GateHandler handler = new dev.lifeline.sip.transport.GateHandler(gate);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, handlers);
        return epoll
                ? new ProbeIo(group, EpollDatagramChannel::new, true, handler)
                : new ProbeIo(group, NioDatagramChannel::new, false, handler);
    }

    /**
     * The datagram channel type for a probe socket of {@code path}: pinned to the path's
     * interface when it names one (binding then fails if the socket cannot be pinned).
     */
    ChannelFactory<? extends DatagramChannel> datagramFor(dev.lifeline.gateway.config.WanPath path) {
        return path.networkInterface()
                .<ChannelFactory<? extends DatagramChannel>>map(
                        d -> dev.lifeline.sip.transport.DevicePinning.pinned(datagram, d))
                .orElse(datagram);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
