package dev.lifeline.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Pins relay sockets to a network device (Linux {@code SO_BINDTODEVICE}) so a path's media
 * leaves by its own uplink. The same rule as the SIP transport's pinning (this module does not
 * depend on it): only native epoll sockets carry the option, and a socket that cannot be pinned
 * is closed and its bind fails, never left on the default device.
 */
final class DevicePin {

    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;

    private DevicePin() {
    }

    static <C extends Channel> ChannelFactory<C> pinned(ChannelFactory<C> base, String device) {
        return () -> {
            C channel = base.newChannel();
            try {
                pin(channel, device);
            } catch (RuntimeException e) {
                channel.unsafe().closeForcibly();
                throw e;
            }
            return channel;
        };
    }

    static void pin(Channel channel, String device) {
        byte[] name = device.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.allocateDirect(name.length + 1);
        value.put(name).put((byte) 0).flip();
        RawUnixChannelOption option = new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                name.length + 1);
        boolean set;
        try {
            set = channel.config().setOption(option, value);
        } catch (ChannelException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new ChannelException("cannot pin the media socket to interface " + device + " (SO_BINDTODEVICE): "
                    + root.getMessage(), e);
        }
        if (!set) {
            throw new ChannelException("cannot pin the media socket to interface " + device
                    + " (SO_BINDTODEVICE): needs Linux with the native epoll transport");
        }
    }
}
