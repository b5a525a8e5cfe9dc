package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.sip.transport.DevicePinning;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The paths' {@code interface:} settings: which local address is pinned to which device, and
 * whether this host can pin sockets to each device at all. Checked once before any socket
 * opens, so a path that names a device the gateway cannot use stops the start with one line
 * (naming the path, the device and what to do) instead of sending by whatever device the
 * routing table picks.
 */
public final class PathDevices {

    private PathDevices() {
    }

    /** Each pinned path's bind address and its device; the first path wins for a shared address. */
    public static Map<InetAddress, String> byAddress(List<WanPath> paths) {
        Map<InetAddress, String> out = new LinkedHashMap<>();
        paths.forEach(p -> p.networkInterface().ifPresent(d -> out.putIfAbsent(p.bind(), d)));
        return Map.copyOf(out);
    }

    /**
     * The first path whose device cannot be used, as one line for the operator.
     *
     * @param trial pins a throwaway socket to a device: empty when that worked, else why not
     */
    public static Optional<String> problem(List<WanPath> paths, Function<String, Optional<String>> trial) {
        for (WanPath path : paths) {
            if (path.networkInterface().isEmpty()) {
                continue;
            }
            String device = path.networkInterface().get();
            Optional<String> why = trial.apply(device);
            if (why.isPresent()) {
                return Optional.of("path " + path.name() + ": cannot pin its sockets to interface " + device
                        + " (interface: " + device + "): " + why.get() + "; name an existing device in interface:"
                        + " (ip link lists them), or remove interface: and route " + path.bind().getHostAddress()
                        + " by source address (ip rule from " + path.bind().getHostAddress() + " table N)");
            }
        }
        return Optional.empty();
    }

    /** {@link #problem(List, Function)} on this host, trying a real socket per device. */
    public static Optional<String> problem(List<WanPath> paths) {
        return problem(paths, PathDevices::tryPin);
    }

    /** Pins an unbound native UDP socket to {@code device} and closes it. */
    static Optional<String> tryPin(String device) {
        if (!Epoll.isAvailable()) {
            Throwable cause = Epoll.unavailabilityCause();
            return Optional.of("SO_BINDTODEVICE needs Linux with the native epoll transport, which is not available"
                    + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
        EpollDatagramChannel channel = new EpollDatagramChannel();
        try {
            DevicePinning.pin(channel, device);
            return Optional.empty();
        } catch (ChannelException e) {
            return Optional.of(e.getMessage());
        } finally {
            channel.unsafe().closeForcibly();
        }
    }
}
