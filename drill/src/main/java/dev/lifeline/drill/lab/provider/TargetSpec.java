package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider target (a node of the provider's SIP service): its own loopback address, SIP
 * port and probe-reflector port.
 *
 * @param name          how drills and observations name it, e.g. "sip1"
 * @param address       its own address, e.g. 127.0.0.41
 * @param sipPort       SIP port for every transport; 0 for an ephemeral one (kept across a restore)
 * @param reflectorPort UDP port of the probe reflector; 0 for an ephemeral one
 * @param transports    SIP transports it listens on
 * @param tls           certificate and key when {@code transports} has TLS. The hook for
 *                      certificate drills: {@link ProviderTarget#replaceTls} restarts the target
 *                      with other material (e.g. an expired certificate)
 */
public record TargetSpec(String name, InetAddress address, int sipPort, int reflectorPort, List<Transport> transports,
                         Optional<TlsConfig> tls) {

    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        transports = List.copyOf(transports);
        if (name.isBlank()) {
            throw new IllegalArgumentException("provider target name is empty");
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("provider target " + name + " has no transports");
        }
        if (transports.contains(Transport.TLS) && tls.isEmpty()) {
            throw new IllegalArgumentException("provider target " + name + " listens on TLS but has no certificate (tls)");
        }
        checkPort(sipPort, "sipPort", name);
        checkPort(reflectorPort, "reflectorPort", name);
    }

    /** UDP only, ephemeral ports. */
    public static TargetSpec udp(String name, String ip) {
        try {
            return new TargetSpec(name, InetAddress.getByName(ip), 0, 0, List.of(Transport.UDP), Optional.empty());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("provider target " + name + ": not an IP address: " + ip, e);
        }
    }

    public TargetSpec withSipPort(int port) {
        return new TargetSpec(name, address, port, reflectorPort, transports, tls);
    }

    public TargetSpec withReflectorPort(int port) {
        return new TargetSpec(name, address, sipPort, port, transports, tls);
    }

    public TargetSpec withTransports(List<Transport> value) {
        return new TargetSpec(name, address, sipPort, reflectorPort, value, tls);
    }

    public TargetSpec withTls(TlsConfig value) {
        return new TargetSpec(name, address, sipPort, reflectorPort, transports, Optional.of(value));
    }

    private static void checkPort(int port, String field, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("provider target " + name + ": " + field + " must be 0..65535, got " + port);
        }
    }
}
