package dev.lifeline.drill.lab.wan;

import java.net.InetSocketAddress;
import java.util.Collection;

/**
 * NAT filtering behaviour (RFC 4787 §5): which remote endpoints may send to a mapping. Mapping
 * is always endpoint-independent (one public port per inside source, whatever it sends to).
 */
public enum Filtering {
    /** Anyone who knows the public port may send (a "full cone"). */
    ENDPOINT_INDEPENDENT,
    /** Only IP addresses the inside source has sent to may send back, from any port. */
    ADDRESS_DEPENDENT,
    /** Only the exact address:port pairs the inside source has sent to (typical; the default). */
    ADDRESS_AND_PORT_DEPENDENT;

    /** Whether a packet from {@code remote} passes, given the remotes the mapping has sent to. */
    public boolean admits(Collection<InetSocketAddress> contacted, InetSocketAddress remote) {
        return switch (this) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> contacted.stream()
                    .anyMatch(c -> c.getAddress().equals(remote.getAddress()));
            case ADDRESS_AND_PORT_DEPENDENT -> contacted.contains(remote);
        };
    }
}
