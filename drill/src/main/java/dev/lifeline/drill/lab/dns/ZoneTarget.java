package dev.lifeline.drill.lab.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One provider target as a path's view publishes it: a host name inside the zone, the address
 * this view gives it (the path's WAN-emulator address for it), and its SRV figures.
 *
 * @param host     the target's label or relative name, e.g. {@code sip1}
 * @param address  what the A (IPv4) or AAAA (IPv6) record answers
 * @param udpPort  SIP over UDP port, published in {@code _sip._udp}
 * @param tcpPort  SIP over TCP port in {@code _sip._tcp}; 0 when the target offers no TCP
 * @param tlsPort  SIP over TLS port in {@code _sips._tcp}; 0 when the target offers no TLS
 * @param priority SRV priority, lower first (RFC 2782)
 * @param weight   SRV weight within a priority
 */
public record ZoneTarget(String host, InetAddress address, int udpPort, int tcpPort, int tlsPort, int priority,
                         int weight) {

    public ZoneTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        if (host.isBlank() || host.endsWith(".")) {
            throw new IllegalArgumentException("target host must be a relative name inside the zone, got \"" + host + "\"");
        }
        checkPort(udpPort, "udpPort", 1);
        checkPort(tcpPort, "tcpPort", 0);
        checkPort(tlsPort, "tlsPort", 0);
        if (priority < 0 || priority > 65535 || weight < 0 || weight > 65535) {
            throw new IllegalArgumentException("SRV priority and weight must be 0..65535, got " + priority + "/" + weight);
        }
    }

    /** Without TLS. */
    public ZoneTarget(String host, InetAddress address, int udpPort, int tcpPort, int priority, int weight) {
        this(host, address, udpPort, tcpPort, 0, priority, weight);
    }

    /** UDP only, priority 10, weight 10. */
    public static ZoneTarget udp(String host, InetAddress address, int port) {
        return new ZoneTarget(host, address, port, 0, 0, 10, 10);
    }

    public ZoneTarget withPriority(int value) {
        return new ZoneTarget(host, address, udpPort, tcpPort, tlsPort, value, weight);
    }

    public ZoneTarget withTcpPort(int value) {
        return new ZoneTarget(host, address, udpPort, value, tlsPort, priority, weight);
    }

    public ZoneTarget withTlsPort(int value) {
        return new ZoneTarget(host, address, udpPort, tcpPort, value, priority, weight);
    }

    private static void checkPort(int port, String name, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(name + " must be " + min + "..65535, got " + port);
        }
    }
}
