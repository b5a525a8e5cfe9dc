package dev.lifeline.media.sdp;

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
