package dev.lifeline.gateway.qos;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.WanPath;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Makes a {@link QosPlan} from a site and the engineer's figures. Pure: records in, text out. */
public final class QosPlanner {

    private QosPlanner() {
    }

    /**
     * @param only the path to plan for; empty: every path of the site, each with the rates given
     * @throws IllegalArgumentException when {@code only} names no path of the site, or the site has no path
     */
    public static QosPlan plan(SiteConfig site, Optional<String> only, PlanOptions o) {
        List<WanPath> paths = only.isPresent()
                ? List.of(site.path(only.get()).orElseThrow(() -> new IllegalArgumentException("the site has no path '"
                        + only.get() + "'; its paths are " + names(site.paths()))))
                : site.paths();
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("the site has no WAN paths (paths:), so there is no uplink to plan for");
        }
        Map<String, String> shaping = new LinkedHashMap<>();
        for (WanPath p : paths) {
            shaping.put(p.name(), ShapingScript.render(site, p, o));
        }
        boolean anyV4 = paths.stream().anyMatch(p -> !(p.bind() instanceof Inet6Address));
        boolean anyV6 = paths.stream().anyMatch(p -> p.bind() instanceof Inet6Address);
        List<CallBandwidth> perCall = new ArrayList<>();
        for (CodecUse c : o.codecs()) {
            if (anyV4) {
                perCall.add(new CallBandwidth(c, false));
            }
            if (anyV6) {
                perCall.add(new CallBandwidth(c, true));
            }
        }
        long up = o.uplink().kbit(o.shapeAt());
        long down = o.downlink().kbit(o.shapeAt());
        long voiceUp = (long) Math.floor(up * 1000.0 * o.voiceShare());
        long voiceDown = (long) Math.floor(down * 1000.0 * o.voiceShare());
        List<QosPlan.PathCapacity> capacity = new ArrayList<>();
        for (WanPath p : paths) {
            boolean v6 = p.bind() instanceof Inet6Address;
            for (CodecUse c : o.codecs()) {
                capacity.add(new QosPlan.PathCapacity(p.name(), new CallBandwidth(c, v6), up, down, voiceUp, voiceDown));
            }
        }
        return new QosPlan(NftRules.render(site, paths), shaping, perCall, capacity,
                arithmetic(o, perCall, capacity, only.isEmpty() && paths.size() > 1));
    }

    private static String arithmetic(PlanOptions o, List<CallBandwidth> perCall, List<QosPlan.PathCapacity> capacity,
                                     boolean sameRatesForAll) {
        StringBuilder s = new StringBuilder();
        s.append("# Bandwidth of one call, per direction (computed from the codec and packetisation, not measured)\n");
        s.append(String.format(Locale.ROOT, "# %-10s %6s %5s %7s %9s %9s %10s %10s%n", "codec", "ptime", "pkt/s",
                "payload", "IP packet", "IP kbit/s", "Eth frame", "Eth kbit/s"));
        for (CallBandwidth b : perCall) {
            s.append(String.format(Locale.ROOT, "# %-10s %3d ms %5s %5d B %7d B %9s %8d B %10s%n",
                    b.use().codec().label() + (b.ipv6() ? " v6" : ""), b.use().ptimeMs(), num(b.packetsPerSecond()),
                    b.payloadBytes(), b.ipPacketBytes(), num(b.ipBitsPerSecond() / 1000), b.ethernetFrameBytes(),
                    num(b.ethernetBitsPerSecond() / 1000)));
        }
        s.append("# Per packet: RTP 12 + UDP 8 + IPv4 20 (IPv6 40) bytes; Ethernet adds 14 header + 4 FCS.\n");
        s.append("# Not counted: preamble and gap (20 B), VLAN tag (4 B), PPPoE (8 B), RTCP (a few %), SRTP tag.\n");
        s.append("#\n");
        s.append(String.format(Locale.ROOT, "# Calls each path carries (computed): shaped rate x voice share %s %%, "
                + "divided by one call's Ethernet rate; the smaller direction limits.%n", ShapingScript.percent(o.voiceShare())));
        if (sameRatesForAll) {
            s.append("# The rates given are applied to every path; run with --path NAME for a path whose link differs.\n");
        }
        s.append(String.format(Locale.ROOT, "# %-10s %-14s %10s %10s %10s %10s %8s %8s %6s%n", "path", "codec",
                "up kbit", "down kbit", "voice up", "voice dn", "calls up", "calls dn", "calls"));
        for (QosPlan.PathCapacity c : capacity) {
            s.append(String.format(Locale.ROOT, "# %-10s %-14s %10d %10d %10d %10d %8d %8d %6d%n", c.path(),
                    c.call().use().toString(), c.upKbit(), c.downKbit(), c.voiceUpBits() / 1000, c.voiceDownBits() / 1000,
                    c.callsUp(), c.callsDown(), c.calls()));
        }
        return s.toString();
    }

    /** One decimal place, as the figures are quoted (87.2 kbit/s, 33.3 pkt/s). */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String names(List<WanPath> paths) {
        return paths.isEmpty() ? "(none)" : paths.stream().map(WanPath::name).collect(Collectors.joining(", "));
    }
}
