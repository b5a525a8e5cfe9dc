package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.scenario.Action;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS and NAT faults as the kernel makes them, in namespaces this test builds from the plan and
 * removes (as root; skipped with the reason elsewhere): the rcode a client in the site gets through
 * the ISP's NAT is the one the step claims; a NAT port change moves the site's source port into
 * {@link NetnsPlan#CHANGED_PORTS} and its undo puts the original masquerade back; conntrack UDP
 * timeouts are the ISP namespace's own.
 */
class DnsNatRootTest {

    private NetnsPlan plan;
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void kernelLabAvailable() {
        RootLab.assumeAvailable();
    }

    @BeforeEach
    void build() throws Exception {
        plan = RootLab.build();
    }

    @AfterEach
    void teardown() throws Exception {
        for (Process p : started) {
            p.destroy();   // by its own handle: the processes this test started, nothing else
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        RootLab.remove(plan);
    }

    private Process start(List<String> command, String name) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    /** Runs {@link NsProbe} in {@code namespace} and returns what it printed. */
    private static String probe(String namespace, String... args) throws Exception {
        List<String> c = new ArrayList<>(NetnsPlan.exec(namespace));
        c.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                NsProbe.class.getName()));
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("probe %s finished", List.of(args)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static void run(List<List<String>> commands) throws Exception {
        for (List<String> c : commands) {
            Shell.run(c);
        }
    }

    /** Waits up to 5 s for a dnsmasq log to say it started. */
    private static void awaitStarted(Path log) throws Exception {
        for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).contains("started")); i++) {
            Thread.sleep(50);
        }
        assertThat(log).content().contains("started");
    }

    @Test
    void theSiteGetsTheRcodeEachDnsFaultClaimsThroughTheIspsNatAndTheRecordsAgainAfterwards() throws Exception {
        NetnsPlan.Uplink u = NetnsPlan.WAN1;
        Path log = tmp.resolve("resolver.log");
        // The path's resolver as the lab runs it: the provider's records, nothing else.
        start(List.of("ip", "netns", "exec", plan.inet(), "dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll",
                "--bind-interfaces", "--listen-address=" + u.resolver(), "--except-interface=nothing", "--user=root",
                "--pid-file=" + tmp.resolve("resolver.pid"), "--log-facility=" + log, "--local-ttl=5",
                "--local=/" + NetnsPlan.PROVIDER_DOMAIN + "/", "--host-record=sip1." + NetnsPlan.PROVIDER_DOMAIN + "," + NetnsPlan.PROVIDER),
                "resolver");
        awaitStarted(log);
        for (int port : new int[] {NetnsPlan.SERVFAIL_PORT, NetnsPlan.REFUSED_PORT}) {
            Path l = tmp.resolve("fault-" + port + ".log");
            start(plan.faultResolver(u, port, tmp.resolve("fault-" + port + ".pid").toString(), l.toString()), "fault-" + port);
            awaitStarted(l);
        }
        String name = "sip1." + NetnsPlan.PROVIDER_DOMAIN;
        String from = " from " + u.resolver() + ":53";

        assertThat(probe(plan.site(), "query", u.siteAddress(), u.resolver(), name)).isEqualTo("rcode 0" + from);

        KernelStep servfail = KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.SERVFAIL), plan, u,
                KernelFault.SILENT_CUT, 0).orElseThrow();
        run(servfail.apply());
        assertThat(probe(plan.site(), "query", u.siteAddress(), u.resolver(), name)).isEqualTo("rcode 2" + from);
        run(servfail.undo());

        KernelStep refused = KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.REFUSED), plan, u,
                KernelFault.SILENT_CUT, 0).orElseThrow();
        run(refused.apply());
        assertThat(probe(plan.site(), "query", u.siteAddress(), u.resolver(), name)).isEqualTo("rcode 5" + from);
        run(refused.undo());

        assertThat(probe(plan.site(), "query", u.siteAddress(), u.resolver(), name)).isEqualTo("rcode 0" + from);
        assertThat(Shell.run(List.of("ip", "netns", "exec", plan.inet(), "nft", "list", "tables"))).doesNotContain("lifeline_dns1");
    }

    /** The source address and port the provider's address in inet sees for one datagram from the site's SIP port. */
    private String sourceSeenByTheProvider(NetnsPlan.Uplink u) throws Exception {
        List<String> c = new ArrayList<>(NetnsPlan.exec(plan.inet()));
        c.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                NsProbe.class.getName(), "recv", NetnsPlan.PROVIDER, "5060", "1", "15000"));
        Process receiver = new ProcessBuilder(c).redirectErrorStream(true).start();
        started.add(receiver);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("ready");
            probe(plan.site(), "send", u.siteAddress(), "5060", NetnsPlan.PROVIDER, "5060");
            String line = r.readLine();
            assertThat(receiver.waitFor(20, TimeUnit.SECONDS)).isTrue();
            return line == null ? "nothing" : line;
        }
    }

    @Test
    void aNatPortChangeGivesTheSitesFlowsNewPublicPortsAndItsUndoTheOriginalMasquerade() throws Exception {
        NetnsPlan.Uplink u = NetnsPlan.WAN1;
        assertThat(sourceSeenByTheProvider(u)).isEqualTo("from " + u.publicAddress() + ":5060");   // the ISP keeps the port

        KernelStep change = KernelStep.of(new Action.NatPortChange("wan1"), plan, u, KernelFault.SILENT_CUT, 0).orElseThrow();
        run(change.apply());
        String moved = sourceSeenByTheProvider(u);
        assertThat(moved).startsWith("from " + u.publicAddress() + ":");
        int port = Integer.parseInt(moved.substring(moved.lastIndexOf(':') + 1));
        assertThat(port).isBetween(40000, 40999);

        run(change.undo());
        run(plan.natForget(u));   // the changed flow forgotten: the next one gets the rule as built
        assertThat(sourceSeenByTheProvider(u)).isEqualTo("from " + u.publicAddress() + ":5060");
    }

    @Test
    void conntrackUdpTimeoutsAreSetInOneIspNamespaceOnly() throws Exception {
        run(plan.udpTimeouts(NetnsPlan.WAN1, 5, 10));

        assertThat(sysctl(plan.isp(NetnsPlan.WAN1), "net.netfilter.nf_conntrack_udp_timeout")).isEqualTo("5");
        assertThat(sysctl(plan.isp(NetnsPlan.WAN1), "net.netfilter.nf_conntrack_udp_timeout_stream")).isEqualTo("10");
        assertThat(sysctl(plan.isp(NetnsPlan.WAN2), "net.netfilter.nf_conntrack_udp_timeout")).isNotEqualTo("5");
        assertThat(Shell.run(List.of("sysctl", "-n", "net.netfilter.nf_conntrack_udp_timeout")).strip()).isNotEqualTo("5");
    }

    private static String sysctl(String namespace, String key) throws Exception {
        return Shell.run(List.of("ip", "netns", "exec", namespace, "sysctl", "-n", key)).strip();
    }
}
