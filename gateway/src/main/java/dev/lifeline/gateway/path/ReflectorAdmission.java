package dev.lifeline.gateway.path;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which test packets a reflector answers: only from the allowed networks, and from each source at
 * most {@code perSecond} a second (a token bucket holding one second's worth), so that a
 * reflector on a public address cannot be used to flood a third party with answers. Pure: the
 * caller passes the time. Memory is bounded: at most {@link #MAX_SOURCES} sources are tracked,
 * the least recently seen forgotten first.
 */
public final class ReflectorAdmission {

    /** Sources tracked at once; a forgotten source starts again with a full bucket. */
    static final int MAX_SOURCES = 4096;

    /** Why a packet was not answered. */
    public enum Verdict { ANSWER, NOT_ALLOWED, RATE_LIMITED }

    private final List<Cidr> allowed;
    private final double perSecond;
    private final Map<InetAddress, double[]> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /**
     * @param allowed   networks whose packets are answered; empty: any source
     * @param perSecond answers per source and second; the quality stream is 50
     */
    public ReflectorAdmission(List<Cidr> allowed, int perSecond) {
        this.allowed = List.copyOf(Objects.requireNonNull(allowed, "allowed"));
        if (perSecond < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 answer a second per source, was "
                    + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** Any source, at most 100 answers a second each (twice a gateway's stream). */
    public static ReflectorAdmission open() {
        return new ReflectorAdmission(List.of(), 100);
    }

    public Verdict admit(InetAddress source, long nowNanos) {
        if (!allowed.isEmpty() && allowed.stream().noneMatch(c -> c.contains(source))) {
            return Verdict.NOT_ALLOWED;
        }
        double[] b = buckets.computeIfAbsent(source, s -> new double[] {perSecond, nowNanos});
        double refill = Math.max(0, nowNanos - b[1]) / 1e9 * perSecond;
        b[0] = Math.min(perSecond, b[0] + refill);
        b[1] = nowNanos;
        if (b[0] < 1) {
            return Verdict.RATE_LIMITED;
        }
        b[0] -= 1;
        return Verdict.ANSWER;
    }

    /** An IPv4 or IPv6 network, e.g. {@code 198.51.100.0/24}; a bare address is a /32 (/128). */
    public record Cidr(InetAddress network, int prefix) {

        public Cidr {
            Objects.requireNonNull(network, "network");
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix /" + prefix + " does not fit a " + bits + "-bit address");
            }
        }

        /**
         * Parses "198.51.100.0/24", "2001:db8::/32" or a bare address; never asks DNS.
         *
         * @throws IllegalArgumentException saying what is expected
         */
        public static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            String host = slash < 0 ? t : t.substring(0, slash);
            if (!host.matches("[0-9.]+") && !host.contains(":")) {
                throw new IllegalArgumentException("\"" + text + "\" is not an IP network; expected e.g. "
                        + "198.51.100.0/24, 2001:db8::/32 or a single address");
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not an IP network: " + e.getMessage());
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length after '/'; expected "
                        + "a number from 0 to " + bits);
            }
            return new Cidr(address, prefix);
        }

        public boolean contains(InetAddress a) {
            byte[] n = network.getAddress();
            byte[] x = a.getAddress();
            if (n.length != x.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (n[i] != x[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (n[full] & mask) == (x[full] & mask);
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefix;
        }
    }
}
