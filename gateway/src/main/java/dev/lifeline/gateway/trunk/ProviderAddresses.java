package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * The addresses inbound requests from a provider may come from: what its host resolved to.
 * The port is not checked, because providers send from pools of ports and other hosts' ports.
 *
 * <p>For now a host name is resolved once, with {@link InetAddress}, when the trunk is made;
 * a provider that moves its addresses later is not followed. Path-aware RFC 3263 resolution,
 * with the SRV targets of every path, replaces this with issue 4.
 */
public record ProviderAddresses(List<InetAddress> addresses, int port) {

    public ProviderAddresses {
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a provider needs at least one address");
        }
    }

    public ProviderAddresses(List<InetAddress> addresses) {
        this(addresses, -1);
    }

    /** Resolves the provider's host (an IP literal resolves to itself without DNS). */
    public static ProviderAddresses resolve(HostPort provider) throws UnknownHostException {
        return new ProviderAddresses(List.of(InetAddress.getAllByName(provider.host())), provider.port().orElse(-1));
    }

    /** The address requests are sent to: the first one resolved. */
    public InetAddress first() {
        return addresses.get(0);
    }

    /**
     * Whether a request from {@code source} is the provider's. A provider on a loopback address
     * shares its IP with the phones of a single-host setup (the lab, the example site), so there
     * the configured port must match too; elsewhere the IP alone decides.
     */
    public boolean contains(InetSocketAddress source) {
        if (source == null || source.isUnresolved() || !addresses.contains(source.getAddress())) {
            return false;
        }
        return !source.getAddress().isLoopbackAddress() || port < 0 || source.getPort() == port;
    }
}
