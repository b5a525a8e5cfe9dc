package dev.lifeline.drill.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kernel-level lab's topology as data: namespace names, interfaces, addresses, and the
 * {@code ip}/{@code nft}/{@code sysctl} commands that build it, break it and tear it down. Pure:
 * nothing here runs a command, so the plan is checked without root.
 *
 * <pre>
 *   lan ──lan0/site0── site ──wan1/site1── isp1 ──up1/isp1── inet   provider sip1 198.18.0.10, sip2 .11
 *   10.201.0.2  10.201.0.1   10.201.1.2  10.201.1.1 100.64.1.2  100.64.1.1  resolvers .53 (wan1) .54 (wan2)
 *                            ──wan2/site2── isp2 ──up2/isp2──        reflector 198.18.0.20
 *                            10.201.2.2  10.201.2.1 100.64.2.2  100.64.2.1
 * </pre>
 * The site has no default route in its main table: each uplink's traffic leaves by policy
 * routing on its source address ({@code ip rule from 10.201.N.2 table 10N}), as a multi-WAN
 * Linux host does. Each ISP masquerades the site behind its own "public" address in
 * 100.64.0.0/10; the provider side lives in 198.18.0.0/15. Those ranges exist only inside the
 * lab's namespaces.
 *
 * @param prefix the run's namespace prefix, {@code lifeline-<owner pid>-<tag>}; every name begins with it
 */
public record NetnsPlan(String prefix) {

    /** Every lab namespace's name starts with this, then the owning process's pid. */
    public static final String FAMILY = "lifeline-";
    public static final String PROVIDER = "198.18.0.10";
    /** The provider's second SIP target (SRV priority 20 behind {@link #PROVIDER}'s 10), a registrar of its own. */
    public static final String PROVIDER_2 = "198.18.0.11";
    public static final String REFLECTOR = "198.18.0.20";
    /** The far end of outside calls: a phone registered with the provider, in inet. */
    public static final String CALLEE = "198.18.0.30";
    public static final int PHONE_SIP_PORT = 5062;
    public static final int REFLECTOR_PORT = 862;
    public static final int SIP_PORT = 5060;
    /** The provider's SIP domain, answered by the per-path resolvers. */
    public static final String PROVIDER_DOMAIN = "provider.test";
    public static final String SITE_LAN = "10.201.0.1";
    public static final String PHONE_LAN = "10.201.0.2";

    public NetnsPlan {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("lifeline-[0-9]{1,10}-[0-9a-f]{4,8}")) {
            throw new IllegalArgumentException("namespace prefix \"" + prefix + "\"; expected lifeline-<pid>-<hex tag>");
        }
    }

    /** A plan for a run owned by process {@code pid}, told apart from that process's other runs by {@code tag}. */
    public static NetnsPlan of(long pid, int tag) {
        return new NetnsPlan(FAMILY + pid + "-" + String.format("%04x", tag & 0xffff));
    }

    /** One uplink of the site: 1 or 2. */
    public record Uplink(int n) {
        public Uplink {
            if (n != 1 && n != 2) {
                throw new IllegalArgumentException("uplink " + n + "; the lab has uplinks 1 and 2");
            }
        }

        /** The gateway's address on it (the path's {@code bind}). */
        public String siteAddress() {
            return "10.201." + n + ".2";
        }

        /** The ISP router's address facing the site (the uplink's gateway). */
        public String ispAddress() {
            return "10.201." + n + ".1";
        }

        /** The ISP's public address, behind which it masquerades the site. */
        public String publicAddress() {
            return "100.64." + n + ".2";
        }

        public String inetAddress() {
            return "100.64." + n + ".1";
        }

        /** This path's resolver, in the inet namespace. */
        public String resolver() {
            return "198.18.0." + (52 + n);
        }

        /** The site's interface on this uplink. */
        public String siteDevice() {
            return "wan" + n;
        }

        /** The ISP's interface facing the site: where this path is captured. */
        public String ispDevice() {
            return "site" + n;
        }

        public int table() {
            return 100 + n;
        }
    }

    public static final Uplink WAN1 = new Uplink(1);
    public static final Uplink WAN2 = new Uplink(2);
    public static final List<Uplink> UPLINKS = List.of(WAN1, WAN2);

    public String site() {
        return prefix + "-site";
    }

    public String isp(Uplink u) {
        return prefix + "-isp" + u.n();
    }

    public String inet() {
        return prefix + "-inet";
    }

    public String lan() {
        return prefix + "-lan";
    }

    /** Every namespace, in the order they are made. */
    public List<String> namespaces() {
        return List.of(site(), isp(WAN1), isp(WAN2), inet(), lan());
    }

    /** Commands that build the topology, in order; each must succeed. */
    public List<List<String>> setup() {
        List<List<String>> c = new ArrayList<>();
        for (String ns : namespaces()) {
            c.add(List.of("ip", "netns", "add", ns));
            c.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        // Provider, reflector and resolvers: addresses on the inet namespace's loopback.
        for (String a : List.of(PROVIDER, PROVIDER_2, REFLECTOR, CALLEE, WAN1.resolver(), WAN2.resolver())) {
            c.add(List.of("ip", "-n", inet(), "addr", "add", a + "/32", "dev", "lo"));
        }
        // LAN: the phones' side.
        c.add(List.of("ip", "-n", lan(), "link", "add", "lan0", "type", "veth", "peer", "name", "site0", "netns", site()));
        c.add(List.of("ip", "-n", lan(), "addr", "add", PHONE_LAN + "/24", "dev", "lan0"));
        c.add(List.of("ip", "-n", site(), "addr", "add", SITE_LAN + "/24", "dev", "site0"));
        c.add(List.of("ip", "-n", lan(), "link", "set", "lan0", "up"));
        c.add(List.of("ip", "-n", site(), "link", "set", "site0", "up"));
        for (Uplink u : UPLINKS) {
            String isp = isp(u);
            String up = "up" + u.n();
            String down = "isp" + u.n();
            c.add(List.of("ip", "-n", site(), "link", "add", u.siteDevice(), "type", "veth", "peer", "name", u.ispDevice(),
                    "netns", isp));
            c.add(List.of("ip", "-n", site(), "addr", "add", u.siteAddress() + "/24", "dev", u.siteDevice()));
            c.add(List.of("ip", "-n", isp, "addr", "add", u.ispAddress() + "/24", "dev", u.ispDevice()));
            c.add(List.of("ip", "-n", site(), "link", "set", u.siteDevice(), "up"));
            c.add(List.of("ip", "-n", isp, "link", "set", u.ispDevice(), "up"));
            c.add(defaultRoute(u));
            c.add(List.of("ip", "-n", site(), "rule", "add", "from", u.siteAddress(), "table", Integer.toString(u.table())));
            c.add(List.of("ip", "-n", isp, "link", "add", up, "type", "veth", "peer", "name", down, "netns", inet()));
            c.add(List.of("ip", "-n", isp, "addr", "add", u.publicAddress() + "/24", "dev", up));
            c.add(List.of("ip", "-n", inet(), "addr", "add", u.inetAddress() + "/24", "dev", down));
            c.add(List.of("ip", "-n", isp, "link", "set", up, "up"));
            c.add(List.of("ip", "-n", inet(), "link", "set", down, "up"));
            // inet's hosts answer from their service address, not from the link's: a socket bound to
            // no address (baresip's RTP) must reach the ISP's NAT from the address the site sent to.
            c.add(List.of("ip", "-n", inet(), "route", "replace", u.publicAddress().replaceAll("\\.2$", ".0") + "/24", "dev",
                    down, "scope", "link", "src", CALLEE));
            c.add(List.of("ip", "-n", isp, "route", "add", "default", "via", u.inetAddress()));
            c.add(List.of("ip", "netns", "exec", isp, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
            c.add(List.of("ip", "netns", "exec", isp, "nft", "add table ip lifeline_nat; add chain ip lifeline_nat post "
                    + "{ type nat hook postrouting priority srcnat; policy accept; }; add rule ip lifeline_nat post oifname \""
                    + up + "\" masquerade; "
                    // Like a home router: unsolicited packets to the ISP's own address are dropped before
                    // conntrack confirms them, so a far end that sends first never claims the tuple the
                    // site's own first packet will need (the NAT then keeps the site's port).
                    + "add chain ip lifeline_nat in { type filter hook input priority filter; policy accept; }; "
                    + "add rule ip lifeline_nat in iifname \"" + up + "\" ct state new drop"));
        }
        return List.copyOf(c);
    }

    /** The uplink's route in its own table (also put back when its link comes up again: the kernel flushes it on down). */
    public List<String> defaultRoute(Uplink u) {
        return List.of("ip", "-n", site(), "route", "replace", "default", "via", u.ispAddress(), "dev", u.siteDevice(),
                "table", Integer.toString(u.table()));
    }

    /** The ISP's conntrack UDP timeouts (unreplied, and assured "stream"), in seconds. */
    public List<List<String>> udpTimeouts(Uplink u, int unrepliedSeconds, int streamSeconds) {
        return List.of(
                List.of("ip", "netns", "exec", isp(u), "sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout=" + unrepliedSeconds),
                List.of("ip", "netns", "exec", isp(u), "sysctl", "-q", "-w",
                        "net.netfilter.nf_conntrack_udp_timeout_stream=" + streamSeconds));
    }

    /** Total loss: the site's uplink device goes down (the kernel drops its routes and refuses to send). */
    public List<List<String>> linkDown(Uplink u) {
        return List.of(List.of("ip", "-n", site(), "link", "set", u.siteDevice(), "down"));
    }

    /** The link back up, with its route (as a DHCP client would put it back). */
    public List<List<String>> linkUp(Uplink u) {
        return List.of(List.of("ip", "-n", site(), "link", "set", u.siteDevice(), "up"), defaultRoute(u));
    }

    /** A silent cut: the ISP drops everything it would forward for the site, both ways; every link stays up. */
    public List<List<String>> silentCut(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "add table inet lifeline_fault; add chain inet lifeline_fault "
                + "cut { type filter hook forward priority filter; policy accept; }; add rule inet lifeline_fault cut iifname \""
                + u.ispDevice() + "\" drop; add rule inet lifeline_fault cut oifname \"" + u.ispDevice() + "\" drop"));
    }

    public List<List<String>> silentCutEnd(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "delete table inet lifeline_fault"));
    }

    /**
     * Random loss by the kernel: the ISP's forward chain drops each packet crossing the site's
     * veth with probability {@code percent} (nft {@code numgen random}, in hundredths of a percent;
     * no netem needed). {@code up} is site → provider, {@code down} provider → site. Its own table,
     * so it is undone without touching any other fault.
     */
    public List<List<String>> randomLoss(Uplink u, double percent, boolean up, boolean down) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss " + percent + " %; expected more than 0 and at most 100");
        }
        if (!up && !down) {
            throw new IllegalArgumentException("loss on " + u.siteDevice() + " in no direction; expected up, down or both");
        }
        long basisPoints = Math.round(percent * 100);
        StringBuilder nft = new StringBuilder("add table inet lifeline_loss; add chain inet lifeline_loss loss "
                + "{ type filter hook forward priority filter; policy accept; }");
        if (up) {
            nft.append("; add rule inet lifeline_loss loss iifname \"").append(u.ispDevice())
                    .append("\" numgen random mod 10000 < ").append(basisPoints).append(" drop");
        }
        if (down) {
            nft.append("; add rule inet lifeline_loss loss oifname \"").append(u.ispDevice())
                    .append("\" numgen random mod 10000 < ").append(basisPoints).append(" drop");
        }
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", nft.toString()));
    }

    public List<List<String>> randomLossEnd(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "delete table inet lifeline_loss"));
    }

    /**
     * A firewall change that drops SIP only: at the ISP, UDP and TCP to the provider's SIP port
     * from the site, and from that port to the site. RTP and the quality probes still pass.
     */
    public List<List<String>> blockSip(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "add table inet lifeline_sip; add chain inet lifeline_sip "
                + "block { type filter hook forward priority filter; policy accept; }; add rule inet lifeline_sip block iifname \""
                + u.ispDevice() + "\" meta l4proto { udp, tcp } th dport " + SIP_PORT + " drop; add rule inet lifeline_sip block "
                + "oifname \"" + u.ispDevice() + "\" meta l4proto { udp, tcp } th sport " + SIP_PORT + " drop"));
    }

    public List<List<String>> blockSipEnd(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "delete table inet lifeline_sip"));
    }

    /**
     * NAT state loss: the ISP's conntrack table is flushed, so every mapping is forgotten at once
     * (as an idle timeout or a router restart would); the site's next packet out gets a new one.
     * Nothing to undo.
     */
    public List<List<String>> natForget(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "conntrack", "-F"));
    }

    /** A resolver that stops answering: its process is stopped (SIGSTOP); queries go unanswered, nothing is refused. */
    public static List<List<String>> resolverSilent(long pid) {
        return List.of(List.of("kill", "-STOP", Long.toString(pid)));
    }

    /** The stopped resolver runs again (SIGCONT) and answers what is still queued and what comes next. */
    public static List<List<String>> resolverBack(long pid) {
        return List.of(List.of("kill", "-CONT", Long.toString(pid)));
    }

    /**
     * The provider's SIP targets as the lab publishes them, in SRV order: {@code sip1} at
     * {@link #PROVIDER} (priority 10) and {@code sip2} at {@link #PROVIDER_2} (priority 20), both
     * weight 10 — the in-process lab provider's records. Each is a Kamailio of its own.
     */
    public static final List<ProviderTarget> PROVIDER_TARGETS = List.of(new ProviderTarget("sip1", PROVIDER, 10, 10),
            new ProviderTarget("sip2", PROVIDER_2, 10 * 2, 10));

    /** One provider target: its SRV target name (relative to {@link #PROVIDER_DOMAIN}), address, SRV priority and weight. */
    public record ProviderTarget(String name, String address, int priority, int weight) {
        public ProviderTarget {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }

        /** Its host name, e.g. {@code sip1.provider.test}. */
        public String host() {
            return name + "." + PROVIDER_DOMAIN;
        }
    }

    /** The target named {@code name} ({@code sip1}, {@code sip2}); a name the lab does not run is an error that lists them. */
    public static ProviderTarget providerTarget(String name) {
        return PROVIDER_TARGETS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("provider target \"" + name + "\"; the kernel-level lab runs "
                        + PROVIDER_TARGETS.stream().map(ProviderTarget::name).toList()));
    }

    /**
     * The provider zone as every path's dnsmasq serves it, as dnsmasq options: an A record
     * ({@code --host-record}) and a {@code _sip._udp} SRV record ({@code --srv-host}) per target.
     * {@code removed} takes record sets out, as {@code dnsRemove} does: {@code "NAPTR @"} the
     * domain's NAPTR, {@code "SRV _sip._udp"} every SRV record, {@code "A sip1"} the target's address. Pure.
     */
    public static List<String> providerRecords(java.util.Set<String> removed) {
        List<String> out = new ArrayList<>();
        if (!removed.contains("NAPTR @")) {
            // NAPTR → SRV → A, as the in-process lab's zone (RFC 3263): without it the NAPTR answer is NODATA
            // with no SOA, which a client cannot cache, so it has no stale answer to fall back on.
            out.add("--naptr-record=" + PROVIDER_DOMAIN + ",10,10,S,SIP+D2U,,_sip._udp." + PROVIDER_DOMAIN);
        }
        for (ProviderTarget t : PROVIDER_TARGETS) {
            if (!removed.contains("A " + t.name())) {
                out.add("--host-record=" + t.host() + "," + t.address());
            }
        }
        if (!removed.contains("SRV _sip._udp")) {
            for (ProviderTarget t : PROVIDER_TARGETS) {
                out.add("--srv-host=_sip._udp." + PROVIDER_DOMAIN + "," + t.host() + "," + SIP_PORT + "," + t.priority() + ","
                        + t.weight());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The uplink's resolver in inet: dnsmasq answering for {@link #PROVIDER_DOMAIN} only, from
     * {@link #providerRecords} without {@code removed}, in the foreground, logging each query.
     */
    public List<String> resolver(Uplink u, java.nio.file.Path pidFile, java.util.Set<String> removed) {
        List<String> c = new ArrayList<>(exec(inet()));
        c.addAll(List.of("dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
                "--listen-address=" + u.resolver(), "--except-interface=nothing", "--user=root", "--pid-file=" + pidFile,
                "--log-facility=-", "--log-queries", "--local-ttl=" + RECORD_TTL_SECONDS, "--local=/" + PROVIDER_DOMAIN + "/"));
        c.addAll(providerRecords(removed));
        return List.copyOf(c);
    }

    /**
     * The TTL of the provider's records as the per-path resolvers serve them (dnsmasq's default for
     * its own records is 0, which leaves a resolver's client nothing to cache and so nothing to serve
     * stale): the in-process lab's zone TTL, which dns-failure's timeline is written for.
     */
    public static final int RECORD_TTL_SECONDS = 5;

    /** Where, on each path's resolver address, the resolver that answers SERVFAIL listens (reached only by {@link #resolverAnswers}). */
    public static final int SERVFAIL_PORT = 5350;
    /** Where, on each path's resolver address, the resolver that answers REFUSED listens. */
    public static final int REFUSED_PORT = 5351;
    /** The public ports an ISP moves the site's UDP and TCP flows to in a NAT port change. */
    public static final String CHANGED_PORTS = "40000-40999";

    /**
     * A second dnsmasq on the path's resolver address, at {@code port}, that answers every query
     * with one rcode, for {@link #resolverAnswers}. Observed with this dnsmasq (2.90): for
     * {@link #REFUSED_PORT}, no upstream and no zone of its own, so it refuses every name (rcode 5);
     * for {@link #SERVFAIL_PORT}, it validates DNSSEC from a root trust anchor and forwards to the
     * path's own resolver, whose unsigned zone cannot be validated, so every answer is abandoned
     * and SERVFAIL (rcode 2) is sent back, within milliseconds.
     *
     * @param logFile where dnsmasq logs each query and how it answered it
     */
    public List<String> faultResolver(Uplink u, int port, String pidFile, String logFile) {
        List<String> c = new ArrayList<>(exec(inet()));
        c.addAll(List.of("dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
                "--listen-address=" + u.resolver(), "--port=" + port, "--except-interface=nothing", "--user=root",
                "--pid-file=" + pidFile, "--log-facility=" + logFile, "--log-queries"));
        if (port == SERVFAIL_PORT) {
            // The root zone's KSK-2017 DS: the lab's zone chains to no signed parent, so nothing validates.
            c.addAll(List.of("--dnssec", "--trust-anchor=.,20326,8,2,"
                    + "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D", "--server=" + u.resolver() + "#53"));
        } else if (port == REFUSED_PORT) {
            c.add("--cache-size=0");   // (dnsmasq refuses a smaller cache with DNSSEC on)
        } else {
            throw new IllegalArgumentException("fault resolver port " + port + "; expected " + SERVFAIL_PORT + " or " + REFUSED_PORT);
        }
        return List.copyOf(c);
    }

    /**
     * A provider target that stops answering: every process of its Kamailio is stopped (SIGSTOP),
     * as a hung node; the kernel still takes its packets into the socket buffers, nothing answers,
     * nothing is refused. {@code pids} are the target's main process and its workers.
     */
    public static List<List<String>> providerStopped(List<Long> pids) {
        return signal("-STOP", pids);
    }

    /** The stopped target runs again (SIGCONT); what queued meanwhile is handled late, as a node back from a hang does. */
    public static List<List<String>> providerBack(List<Long> pids) {
        return signal("-CONT", pids);
    }

    private static List<List<String>> signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            throw new IllegalArgumentException("no provider process to signal");
        }
        List<String> c = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> c.add(Long.toString(p)));
        return List.of(List.copyOf(c));
    }

    /**
     * The path's resolver address answers from the fault resolver at {@code port}: in inet, DNS to
     * it on port 53 (UDP and TCP) is DNAT-ed there, the path's own resolver's UDP answers to the site
     * are dropped (so only the fault resolver's rcode reaches it), and inet's conntrack is flushed so
     * a flow that already went to the real resolver is translated from its next packet on. Its own table per
     * path, so the other path's resolver is untouched.
     */
    public List<List<String>> resolverAnswers(Uplink u, int port) {
        String t = "lifeline_dns" + u.n();
        return List.of(List.of("ip", "netns", "exec", inet(), "nft", "add table ip " + t + "; add chain ip " + t + " pre "
                        + "{ type nat hook prerouting priority dstnat; policy accept; }; add rule ip " + t + " pre ip daddr "
                        + u.resolver() + " udp dport 53 dnat to " + u.resolver() + ":" + port + "; add rule ip " + t + " pre ip daddr "
                        + u.resolver() + " tcp dport 53 dnat to " + u.resolver() + ":" + port
                        // The path's own dnsmasq answers nothing to the site meanwhile: not even the queries it
                        // held while stopped (a silent step before this one), which it answers on SIGCONT.
                        + "; add chain ip " + t + " out { type filter hook output priority filter; policy accept; }; "
                        + "add rule ip " + t + " out ip saddr " + u.resolver() + " udp sport 53 oifname != \"lo\" drop"),
                List.of("ip", "netns", "exec", inet(), "conntrack", "-F"));
    }

    /** The path's resolver answers for itself again: the DNAT table removed, inet's conntrack flushed. */
    public List<List<String>> resolverAnswersEnd(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", inet(), "nft", "delete table ip lifeline_dns" + u.n()),
                List.of("ip", "netns", "exec", inet(), "conntrack", "-F"));
    }

    /**
     * A NAT port change: the ISP's masquerade now maps UDP and TCP to ports {@link #CHANGED_PORTS}
     * (other protocols as before) and its conntrack table is flushed, so every flow's next packet
     * leaves from a new public port, as after a CGNAT re-map or a router reboot.
     */
    public List<List<String>> natPortChange(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "flush chain ip lifeline_nat post; add rule ip lifeline_nat "
                        + "post oifname \"up" + u.n() + "\" meta l4proto { udp, tcp } masquerade to :" + CHANGED_PORTS
                        + "; add rule ip lifeline_nat post oifname \"up" + u.n() + "\" masquerade"),
                natForget(u).get(0));
    }

    /**
     * The ISP's masquerade as built again (it keeps the site's ports where it can). Conntrack is not
     * flushed: flows keep their changed ports until they idle out, new flows get the original rule.
     */
    public List<List<String>> natPortChangeEnd(Uplink u) {
        return List.of(List.of("ip", "netns", "exec", isp(u), "nft", "flush chain ip lifeline_nat post; add rule ip lifeline_nat "
                + "post oifname \"up" + u.n() + "\" masquerade"));
    }

    /** Removes every namespace (veth pairs go with them); a missing one is not an error. */
    public List<List<String>> teardown() {
        return namespaces().stream().map(ns -> List.of("ip", "netns", "del", ns)).toList();
    }

    /** The command prefix that runs a program inside {@code namespace}. */
    public static List<String> exec(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    /**
     * Of the namespaces {@code ip netns list} printed, the lab's whose owning process is gone
     * (a run killed before it could clean up): {@code lifeline-<pid>-<tag>-<role>}.
     */
    public static List<String> stale(List<String> netnsList, java.util.function.LongPredicate alive) {
        List<String> out = new ArrayList<>();
        for (String line : netnsList) {
            String name = line.strip().split("\\s+", 2)[0];
            var m = java.util.regex.Pattern.compile("lifeline-([0-9]{1,10})-[0-9a-f]{4,8}-[a-z0-9]+").matcher(name);
            if (m.matches() && !alive.test(Long.parseLong(m.group(1)))) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }
}
