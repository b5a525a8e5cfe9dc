package dev.lifeline.gateway.dns;

import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One place to send a provider's requests, as RFC 3263 location found it on a path.
 *
 * @param transport the transport to use
 * @param address   resolved; its host string is the SRV target (or the configured domain), by
 *                  which the transport picks the trunk's TLS profile (see {@link Target}); that
 *                  profile authenticates the trunk's SIP domain, not this name (RFC 5922 §4)
 * @param srvName   the SRV owner name it came from, e.g. {@code _sip._udp.provider.example};
 *                  empty when no SRV was involved
 * @param priority  the SRV priority (0 without SRV)
 * @param weight    the SRV weight (0 without SRV)
 */
public record ProviderTarget(Transport transport, InetSocketAddress address, Optional<String> srvName, int priority,
                             int weight) {

    public ProviderTarget {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(srvName, "srvName");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("a provider target must be resolved: " + address);
        }
    }

    /** The name the target was found under (the SRV target or the domain; the IP for a literal). */
    public String host() {
        return address.getHostString();
    }

    /** Where the SIP stack sends to. */
    public Target toTarget() {
        return Target.of(transport, address);
    }

    /** e.g. "udp 203.0.113.5:5060 (sip1.provider.example)", as events name targets. */
    @Override
    public String toString() {
        String ip = address.getAddress().getHostAddress();
        String hostPort = (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.getPort();
        String name = address.getHostString();
        return transport.name().toLowerCase(Locale.ROOT) + " " + hostPort + (name.equals(ip) ? "" : " (" + name + ")");
    }
}
