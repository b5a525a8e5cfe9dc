package dev.lifeline.media.relay;

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

/** Event loops and the datagram channel type: native epoll on Linux when it loads, else NIO. */
record RelayIo(EventLoopGroup group, ChannelFactory<? extends DatagramChannel> datagram, boolean epoll) {

    static RelayIo create(int threads, boolean preferEpoll) {
        boolean epoll = preferEpoll && Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, handlers);
        return epoll
                ? new RelayIo(group, EpollDatagramChannel::new, true)
                : new RelayIo(group, NioDatagramChannel::new, false);
    }
}
