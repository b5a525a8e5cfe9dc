package dev.lifeline.gateway.qos;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.WanPath;
import java.util.Locale;

/**
 * A POSIX shell script of {@code tc} commands that shapes one path's uplink (egress of the
 * router's WAN interface) and downlink (its ingress, redirected to an IFB device) just below
 * the link rates, so that the queue builds in the router, where voice is served first, and
 * not in the modem or at the provider. Re-running it replaces what an earlier run set up.
 *
 * <p>The downlink can only be classified by the code points the packets arrive with: the IFB
 * sees them before netfilter, so the nftables marks do not help there. Where the provider
 * bleaches DSCP, shaping below the rate (and CAKE's or fq_codel's flow isolation) is what
 * keeps the downlink queue short.
 */
public final class ShapingScript {

    private ShapingScript() {
    }

    public static String render(SiteConfig site, WanPath path, PlanOptions o) {
        long up = o.uplink().kbit(o.shapeAt());
        long down = o.downlink().kbit(o.shapeAt());
        // The gateway's own interface is the router's when the gateway runs on the router; otherwise the engineer says.
        String dev = path.networkInterface().orElse("?set WAN_DEV to the router's interface for path " + path.name());
        String ifb = ("ifb-" + path.name()).replaceAll("[^A-Za-z0-9_.-]", "-");
        ifb = ifb.substring(0, Math.min(ifb.length(), 15));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Lifeline QoS shaping for path ").append(path.name()).append(" of site \"").append(site.site().name())
                .append("\" (").append(o.shaper().word()).append(").\n");
        s.append(String.format(Locale.ROOT, "# Link as given: up %s, down %s; shaped at %s %%: up %d kbit, down %d kbit.%n",
                o.uplink(), o.downlink(), percent(o.shapeAt()), up, down));
        s.append("# Run as root on the edge router. WAN_DEV is the router's interface to this path's uplink.\n");
        s.append("set -eu\n");
        s.append("WAN_DEV=\"${WAN_DEV:").append(dev.startsWith("?") ? dev : "-" + dev).append("}\"\n");
        s.append("IFB_DEV=\"${IFB_DEV:-").append(ifb).append("}\"\n");
        s.append("ip link show \"$IFB_DEV\" >/dev/null 2>&1 || ip link add name \"$IFB_DEV\" type ifb\n");
        s.append("ip link set \"$IFB_DEV\" up\n");
        if (o.shaper() == Shaper.CAKE) {
            cake(s, up, down);
        } else {
            htb(s, site, o, up, down);
        }
        s.append("# Download: everything arriving on WAN_DEV is queued on IFB_DEV.\n");
        s.append("tc qdisc del dev \"$WAN_DEV\" ingress 2>/dev/null || true\n");
        s.append("tc qdisc add dev \"$WAN_DEV\" handle ffff: ingress\n");
        s.append("tc filter add dev \"$WAN_DEV\" parent ffff: matchall action mirred egress redirect dev \"$IFB_DEV\"\n");
        return s.toString();
    }

    private static void cake(StringBuilder s, long up, long down) {
        s.append("# diffserv4 tins: EF goes to Voice (first up to 25 % of the rate), CS3 to Video (up to 50 %).\n");
        s.append("# nat: flow fairness by the hosts behind the NAT. On DSL/PPPoE add its overhead keyword (e.g. pppoe-vcmux).\n");
        s.append("tc qdisc replace dev \"$WAN_DEV\" root cake bandwidth ").append(up).append("kbit diffserv4 nat\n");
        s.append("tc qdisc replace dev \"$IFB_DEV\" root cake bandwidth ").append(down).append("kbit diffserv4 nat ingress\n");
    }

    private static void htb(StringBuilder s, SiteConfig site, PlanOptions o, long up, long down) {
        int media = site.media().dscp() << 2;
        int sip = site.signalling().dscp() << 2;
        s.append(String.format(Locale.ROOT, "# Class 1:10 voice (DSCP %d and %d) is guaranteed %s %% and served first; "
                + "1:20 everything else. fq_codel in each.%n", site.media().dscp(), site.signalling().dscp(),
                percent(o.voiceShare())));
        s.append("shape() { # DEV RATE_KBIT VOICE_KBIT\n");
        s.append("  tc qdisc del dev \"$1\" root 2>/dev/null || true\n");
        s.append("  tc qdisc add dev \"$1\" root handle 1: htb default 20\n");
        s.append("  tc class add dev \"$1\" parent 1: classid 1:1 htb rate \"$2kbit\" ceil \"$2kbit\"\n");
        s.append("  tc class add dev \"$1\" parent 1:1 classid 1:10 htb rate \"$3kbit\" ceil \"$2kbit\" prio 0\n");
        s.append("  tc class add dev \"$1\" parent 1:1 classid 1:20 htb rate \"$(($2 - $3))kbit\" ceil \"$2kbit\" prio 1\n");
        s.append("  tc qdisc add dev \"$1\" parent 1:10 fq_codel\n");
        s.append("  tc qdisc add dev \"$1\" parent 1:20 fq_codel\n");
        for (int tos : new int[] {media, sip}) {
            s.append(String.format(Locale.ROOT,
                    "  tc filter add dev \"$1\" parent 1: protocol ip prio 1 u32 match ip dsfield 0x%02x 0xfc flowid 1:10%n", tos));
            s.append(String.format(Locale.ROOT,
                    "  tc filter add dev \"$1\" parent 1: protocol ipv6 prio 2 u32 match ip6 priority 0x%02x 0xfc flowid 1:10%n", tos));
        }
        s.append("}\n");
        s.append(String.format(Locale.ROOT, "shape \"$WAN_DEV\" %d %d%n", up, (long) Math.floor(up * o.voiceShare())));
        s.append(String.format(Locale.ROOT, "shape \"$IFB_DEV\" %d %d%n", down, (long) Math.floor(down * o.voiceShare())));
    }

    static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? Long.toString(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p);
    }
}
