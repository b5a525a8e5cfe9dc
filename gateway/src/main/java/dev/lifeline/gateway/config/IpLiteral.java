package dev.lifeline.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, checked by their text so that validating a configuration never
 * triggers a DNS lookup ({@link InetAddress#getByName} would resolve a name).
 */
final class IpLiteral {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";

    private IpLiteral() {
    }

    static boolean isIp(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    static boolean isIpv4(String text) {
        return text.matches(IPV4);
    }

    static boolean isIpv6(String text) {
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            // With a ':' and only hex digits, colons and dots, getByName parses a literal and never asks DNS.
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The address of a literal; throws {@link IllegalArgumentException} for anything else. */
    static InetAddress parse(String text) {
        if (!isIp(text)) {
            throw new IllegalArgumentException(Scalars.quote(text)
                    + " is not an IP address; expected the path's local address, e.g. 127.0.0.11 or 2001:db8::11");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not an IP address", e);
        }
    }
}
