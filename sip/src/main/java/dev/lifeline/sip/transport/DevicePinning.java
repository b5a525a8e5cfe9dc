package dev.lifeline.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Pins sockets to a network device (Linux {@code SO_BINDTODEVICE}), so a WAN path's packets
 * leave by its own uplink whatever the routing table says. Only native epoll sockets can carry
 * the option; anything else is refused, never silently left unpinned (Netty itself would only
 * log a warning for an option it cannot set).
 */
public final class DevicePinning {

    /** {@code SOL_SOCKET} on Linux. */
    static final int SOL_SOCKET = 1;
    /** {@code SO_BINDTODEVICE} on Linux. */
    static final int SO_BINDTODEVICE = 25;

    private DevicePinning() {
    }

    /**
     * Wraps a channel factory so each channel it makes is pinned to {@code device} before it is
     * bound or connected; a channel that cannot be pinned is closed and the bind or connect fails
     * with a {@link ChannelException} naming the device.
     */
    public static <C extends Channel> ChannelFactory<C> pinned(ChannelFactory<C> base, String device) {
        String checked = checkName(device);
        return () -> {
            C channel = base.newChannel();
            try {
                pin(channel, checked);
            } catch (RuntimeException e) {
                channel.unsafe().closeForcibly();
                throw e;
            }
            return channel;
        };
    }

    /**
     * Sets {@code SO_BINDTODEVICE} on an unbound channel.
     *
     * @throws ChannelException naming the device and the reason, when the socket refuses it or
     *                          is not a native (epoll) socket
     */
    public static void pin(Channel channel, String device) {
        byte[] name = checkName(device).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.allocateDirect(name.length + 1);
        value.put(name).put((byte) 0).flip();
        RawUnixChannelOption option = new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                name.length + 1);
        boolean set;
        try {
            set = channel.config().setOption(option, value);
        } catch (ChannelException | IllegalArgumentException e) {
            throw new ChannelException("cannot pin the socket to interface " + device + " (SO_BINDTODEVICE): "
                    + reason(e) + hint(reason(e)), e);
        }
        if (!set) {
            throw new ChannelException("cannot pin the socket to interface " + device
                    + " (SO_BINDTODEVICE): this socket type does not support it; interface: needs Linux with the"
                    + " native epoll transport");
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String hint(String reason) {
        if (reason.contains("No such device")) {
            return "; the device does not exist on this host (see ip link)";
        }
        if (reason.contains("Operation not permitted")) {
            return "; the gateway needs CAP_NET_RAW for this on kernels before 5.7";
        }
        return "";
    }

    private static String checkName(String device) {
        // Linux IFNAMSIZ is 16 including the terminating NUL.
        if (device == null || !device.matches("[A-Za-z0-9._-]{1,15}")) {
            throw new IllegalArgumentException("not an interface name: " + device);
        }
        return device;
    }
}
