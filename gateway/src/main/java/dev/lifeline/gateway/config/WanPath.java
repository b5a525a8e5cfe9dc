package dev.lifeline.gateway.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WAN attachment. Everything the path carries (SIP to the provider, RTP, probes, DNS) is
 * sent from {@code bind}, so source routing keeps signalling and media on the same WAN.
 *
 * @param networkInterface the interface to pin sockets to (SO_BINDTODEVICE), when given
 * @param resolvers DNS servers reachable over this path, asked in order
 * @param priority lower is preferred
 */
public record WanPath(String name, InetAddress bind, Optional<String> networkInterface,
                      List<HostPort> resolvers, int priority) {

    public WanPath {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(networkInterface, "networkInterface");
        resolvers = List.copyOf(resolvers);
    }
}
