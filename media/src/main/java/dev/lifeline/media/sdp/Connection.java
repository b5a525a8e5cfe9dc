package dev.lifeline.media.sdp;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The {@code c=} line (RFC 8866 §5.7). The address is kept as written, including any
 * multicast {@code /ttl/count} suffix.
 */
public record Connection(String netType, String addrType, String address) {

    /** The RFC 2543 way of putting a stream on hold, still sent by many phones (RFC 3264 §8.4). */
    public static final String LEGACY_HOLD_ADDRESS = "0.0.0.0";

    public static Optional<Connection> parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 3 || f[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(f[0], f[1], f[2]));
    }

    /**
     * The address as an IP literal of the line's address type ({@code IP4} or {@code IP6}), a
     * multicast {@code /ttl/count} suffix left out; empty for a host name, a malformed or
     * out-of-range literal (999.1.1.1), or a literal of the other type. Never asks a resolver:
     * see {@link IpLiteral}.
     */
    public Optional<InetAddress> ipAddress() {
        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        if ("IP4".equalsIgnoreCase(addrType)) {
            return IpLiteral.ipv4(host);
        }
        if ("IP6".equalsIgnoreCase(addrType)) {
            return IpLiteral.ipv6(host);
        }
        return Optional.empty();
    }

    public boolean isLegacyHold() {
        return LEGACY_HOLD_ADDRESS.equals(address);
    }

    public Connection withAddress(String addrType, String address) {
        return new Connection(netType, addrType, address);
    }

    public String value() {
        return netType + " " + addrType + " " + address;
    }
}
