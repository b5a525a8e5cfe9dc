package dev.lifeline.gateway.qos;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The nftables table {@code inet lifeline_qos} for the edge router: marks the gateway's RTP and
 * SIP, and resets the same code points on all other traffic. The chain hooks postrouting at
 * mangle priority, which sees forwarded packets after destination NAT and before source NAT, so
 * the gateway's own addresses identify its traffic in both directions; packets the router
 * itself sends pass there too. The file replaces an earlier copy of the table atomically
 * ({@code nft -f}), so applying it twice is safe.
 */
public final class NftRules {

    public static final String TABLE = "lifeline_qos";

    private static final Map<Integer, String> DSCP_NAMES = Map.ofEntries(
            Map.entry(0, "cs0"), Map.entry(8, "cs1"), Map.entry(16, "cs2"), Map.entry(24, "cs3"),
            Map.entry(32, "cs4"), Map.entry(40, "cs5"), Map.entry(48, "cs6"), Map.entry(56, "cs7"),
            Map.entry(10, "af11"), Map.entry(12, "af12"), Map.entry(14, "af13"), Map.entry(18, "af21"),
            Map.entry(20, "af22"), Map.entry(22, "af23"), Map.entry(26, "af31"), Map.entry(28, "af32"),
            Map.entry(30, "af33"), Map.entry(34, "af41"), Map.entry(36, "af42"), Map.entry(38, "af43"),
            Map.entry(46, "ef"));

    private NftRules() {
    }

    /** nftables' name for a code point, or the number when it has none. */
    static String dscp(int value) {
        return DSCP_NAMES.getOrDefault(value, Integer.toString(value));
    }

    /** The SIP ports the gateway listens on per transport, on the LAN and on each path (as the gateway opens them). */
    static Map<Transport, TreeSet<Integer>> gatewaySipPorts(SiteConfig site) {
        Map<Transport, TreeSet<Integer>> ports = new java.util.EnumMap<>(Transport.class);
        for (Listener l : site.listen()) {
            ports.computeIfAbsent(l.transport(), t -> new TreeSet<>()).add(l.address().port().orElse(defaultPort(l.transport())));
        }
        for (Trunk t : site.trunks()) {
            ports.computeIfAbsent(t.transport(), x -> new TreeSet<>(List.of(defaultPort(x))));
        }
        return ports;
    }

    /** The ports the providers listen on, per transport (5060/5061 for a provider named by domain: SRV may say otherwise). */
    static Map<Transport, TreeSet<Integer>> providerPorts(SiteConfig site) {
        Map<Transport, TreeSet<Integer>> ports = new java.util.EnumMap<>(Transport.class);
        for (Trunk t : site.trunks()) {
            HostPort p = t.provider();
            ports.computeIfAbsent(t.transport(), x -> new TreeSet<>()).add(p.port().orElse(defaultPort(t.transport())));
        }
        return ports;
    }

    private static int defaultPort(Transport t) {
        return t == Transport.TLS ? 5061 : 5060;
    }

    public static String render(SiteConfig site, List<WanPath> paths) {
        List<String> v4 = addresses(paths, false);
        List<String> v6 = addresses(paths, true);
        String media = dscp(site.media().dscp());
        String sip = dscp(site.signalling().dscp());
        StringBuilder out = new StringBuilder();
        out.append("#!/usr/sbin/nft -f\n");
        out.append("# Lifeline QoS marks for site \"").append(site.site().name()).append("\", paths ")
                .append(paths.stream().map(WanPath::name).collect(Collectors.joining(", "))).append(".\n");
        out.append("# Apply on the edge router: nft -f FILE   remove: nft delete table inet ").append(TABLE).append('\n');
        out.append("table inet ").append(TABLE).append('\n');
        out.append("delete table inet ").append(TABLE).append('\n');
        out.append("table inet ").append(TABLE).append(" {\n");
        set(out, "gateway_v4", "ipv4_addr", v4);
        set(out, "gateway_v6", "ipv6_addr", v6);
        out.append("\tchain voice_marks {\n");
        out.append("\t\t# after DNAT, before SNAT: the gateway's own addresses, both directions\n");
        out.append("\t\ttype filter hook postrouting priority mangle; policy accept;\n");
        List<String[]> families = new ArrayList<>();
        if (!v4.isEmpty()) {
            families.add(new String[] {"ip", "@gateway_v4"});
        }
        if (!v6.isEmpty()) {
            families.add(new String[] {"ip6", "@gateway_v6"});
        }
        int min = site.media().rtpPortMin();
        int max = site.media().rtpPortMax();
        out.append("\t\t# RTP and RTCP of the gateway's relay (media.rtpPorts ").append(min).append('-').append(max)
                .append(") -> ").append(media.toUpperCase(java.util.Locale.ROOT)).append(" (media.dscp ")
                .append(site.media().dscp()).append(")\n");
        for (String[] f : families) {
            out.append(rule(f, "saddr", "udp sport " + min + "-" + max, media));
            out.append(rule(f, "daddr", "udp dport " + min + "-" + max, media));
        }
        String sipLabel = sip.toUpperCase(java.util.Locale.ROOT) + " (signalling.dscp " + site.signalling().dscp() + ")";
        Map<Transport, TreeSet<Integer>> own = gatewaySipPorts(site);
        out.append("\t\t# SIP on the gateway's ports (").append(describe(own)).append(") -> ").append(sipLabel).append('\n');
        for (String[] f : families) {
            for (var e : own.entrySet()) {
                String proto = e.getKey() == Transport.UDP ? "udp" : "tcp";
                out.append(rule(f, "saddr", proto + " sport " + portSet(e.getValue()), sip));
                out.append(rule(f, "daddr", proto + " dport " + portSet(e.getValue()), sip));
            }
        }
        Map<Transport, TreeSet<Integer>> far = providerPorts(site);
        if (!far.isEmpty()) {
            out.append("\t\t# SIP to and from the providers' ports (").append(describe(far))
                    .append("): connections the gateway opens leave from any port -> ").append(sipLabel).append('\n');
            for (String[] f : families) {
                for (var e : far.entrySet()) {
                    String proto = e.getKey() == Transport.UDP ? "udp" : "tcp";
                    out.append(rule(f, "saddr", proto + " dport " + portSet(e.getValue()), sip));
                    out.append(rule(f, "daddr", proto + " sport " + portSet(e.getValue()), sip));
                }
            }
        }
        String washed = media.equals(sip) ? media : "{ " + media + ", " + sip + " }";
        out.append("\t\t# Anything else claiming these code points is not the gateway's voice: best effort (CS0)\n");
        out.append("\t\tip dscp ").append(washed).append(" ip dscp set cs0\n");
        out.append("\t\tip6 dscp ").append(washed).append(" ip6 dscp set cs0\n");
        out.append("\t}\n");
        out.append("}\n");
        return out.toString();
    }

    private static String rule(String[] family, String direction, String match, String dscp) {
        return "\t\t" + family[0] + " " + direction + " " + family[1] + " " + match + " " + family[0] + " dscp set " + dscp
                + " accept\n";
    }

    private static void set(StringBuilder out, String name, String type, List<String> elements) {
        if (elements.isEmpty()) {
            return;
        }
        out.append("\tset ").append(name).append(" {\n");
        out.append("\t\ttype ").append(type).append('\n');
        out.append("\t\telements = { ").append(String.join(", ", elements)).append(" }\n");
        out.append("\t}\n");
    }

    private static List<String> addresses(List<WanPath> paths, boolean v6) {
        return paths.stream().map(WanPath::bind).filter(a -> (a instanceof Inet6Address) == v6)
                .map(InetAddress::getHostAddress).map(a -> a.replaceFirst("%.*$", "")).distinct().toList();
    }

    private static String portSet(TreeSet<Integer> ports) {
        return ports.size() == 1 ? ports.first().toString()
                : "{ " + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " }";
    }

    private static String describe(Map<Transport, TreeSet<Integer>> ports) {
        return ports.entrySet().stream().map(e -> e.getKey().configName() + " "
                + e.getValue().stream().map(String::valueOf).collect(Collectors.joining("/")))
                .collect(Collectors.joining(", "));
    }
}
