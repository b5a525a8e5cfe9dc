package dev.lifeline.gateway.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A host (name, IPv4 or IPv6 literal) with an optional port, written {@code 127.0.0.1:5060},
 * {@code [::1]:5060}, {@code sip.example.net} or {@code sip.example.net:5070}. A provider
 * written without a port is looked up by RFC 3263 (NAPTR/SRV); with a port it is used as is.
 *
 * @param host the host without brackets
 * @param port the port, when one was written
 */
public record HostPort(String host, OptionalInt port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
    }

    public static HostPort of(String host, int port) {
        return new HostPort(host, OptionalInt.of(port));
    }

    /** True when the host is an IP literal, so using it needs no DNS. */
    public boolean isIpLiteral() {
        return IpLiteral.isIp(host);
    }

    /**
     * Parses the written form; throws {@link IllegalArgumentException} saying what is expected.
     * Never resolves a name.
     */
    public static HostPort parse(String text) {
        String t = text.strip();
        String host;
        String rest;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw bad(text, "the '[' of an IPv6 address is not closed");
            }
            host = t.substring(1, close);
            if (!IpLiteral.isIpv6(host)) {
                throw bad(text, "'" + host + "' in brackets is not an IPv6 address");
            }
            rest = t.substring(close + 1);
        } else {
            int colon = t.indexOf(':');
            if (colon >= 0 && t.indexOf(':', colon + 1) >= 0) {
                throw bad(text, "an IPv6 address needs brackets when a port may follow, e.g. [::1]:5060");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            rest = colon < 0 ? "" : t.substring(colon);
            if (!IpLiteral.isIpv4(host) && !isHostName(host)) {
                throw bad(text, "'" + host + "' is neither an IP address nor a host name");
            }
        }
        if (rest.isEmpty()) {
            return new HostPort(host, OptionalInt.empty());
        }
        if (!rest.startsWith(":")) {
            throw bad(text, "expected ':' and a port after the address");
        }
        return new HostPort(host, OptionalInt.of(port(text, rest.substring(1))));
    }

    /** Like {@link #parse} but the port must be there. */
    public static HostPort parseWithPort(String text) {
        HostPort hp = parse(text);
        if (hp.port().isEmpty()) {
            throw new IllegalArgumentException(Scalars.quote(text) + " has no port; expected host:port, e.g. 127.0.0.1:5060");
        }
        return hp;
    }

    /** Like {@link #parseWithPort} but the host must be an IP literal: something to bind to, not to look up. */
    public static HostPort parseBindable(String text) {
        HostPort hp = parseWithPort(text);
        if (!hp.isIpLiteral()) {
            throw new IllegalArgumentException(Scalars.quote(text)
                    + " names a host; expected an IP address and port to bind, e.g. 127.0.0.1:5060 or [::1]:5060");
        }
        return hp;
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? h + ":" + port.getAsInt() : h;
    }

    private static int port(String text, String digits) {
        if (!digits.matches("\\d{1,5}")) {
            throw bad(text, "'" + digits + "' is not a port");
        }
        int p = Integer.parseInt(digits);
        if (p < 1 || p > 65535) {
            throw bad(text, "port " + p + " is outside 1-65535");
        }
        return p;
    }

    private static boolean isHostName(String host) {
        // RFC 1123 labels; a name made only of digits and dots is a mistyped IPv4 address, not a name.
        return host.length() <= 253
                && host.matches("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?")
                && !host.matches("[0-9.]+");
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException(Scalars.quote(text) + " is not a valid address: " + why
                + "; expected host:port, e.g. 127.0.0.1:5060, [::1]:5060 or sip.example.net");
    }
}
