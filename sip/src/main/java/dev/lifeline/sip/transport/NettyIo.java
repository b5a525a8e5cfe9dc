package dev.lifeline.sip.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The event loops and channel types: native epoll on Linux when its library loads (fewer copies,
 * per-socket options NIO lacks), otherwise portable NIO.
 */
record NettyIo(
        EventLoopGroup group,
        ChannelFactory<? extends DatagramChannel> datagram,
        ChannelFactory<? extends ServerChannel> server,
        ChannelFactory<? extends SocketChannel> socket,
        boolean epoll) {

    static NettyIo create(int threads, boolean preferEpoll) {
        boolean epoll = preferEpoll && Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, handlers);
        if (epoll) {
            return new NettyIo(group, EpollDatagramChannel::new, EpollServerSocketChannel::new, EpollSocketChannel::new, true);
        }
        return new NettyIo(group, NioDatagramChannel::new, NioServerSocketChannel::new, NioSocketChannel::new, false);
    }
}
