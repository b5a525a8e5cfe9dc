package dev.lifeline.media.sdp;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The {@code o=} line (RFC 8866 §5.2). The version is kept as a {@link BigInteger} because
 * implementations seed it from clocks and the RFC bounds it by no integer type.
 */
public record Origin(String username, String sessionId, BigInteger sessionVersion,
                     String netType, String addrType, String address) {

    public static Optional<Origin> parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 6 || !f[2].chars().allMatch(Character::isDigit) || f[2].length() > 40) {
            return Optional.empty();
        }
        return Optional.of(new Origin(f[0], f[1], new BigInteger(f[2]), f[3], f[4], f[5]));
    }

    public Origin withVersion(BigInteger version) {
        return new Origin(username, sessionId, version, netType, addrType, address);
    }

    public Origin withAddress(String addrType, String address) {
        return new Origin(username, sessionId, sessionVersion, netType, addrType, address);
    }

    public String value() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
