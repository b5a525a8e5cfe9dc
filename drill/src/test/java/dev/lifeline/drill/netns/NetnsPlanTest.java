package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetnsPlanTest {

    private final NetnsPlan plan = NetnsPlan.of(4242, 0xbeef);

    @Test
    void everyNamespaceCarriesTheRunsPrefixSoParallelRunsNeverCollide() {
        assertThat(plan.namespaces()).containsExactly("lifeline-4242-beef-site", "lifeline-4242-beef-isp1",
                "lifeline-4242-beef-isp2", "lifeline-4242-beef-inet", "lifeline-4242-beef-lan");
        assertThat(NetnsPlan.of(4242, 1).namespaces()).doesNotContainAnyElementsOf(plan.namespaces());
    }

    @Test
    void setupOnlyTouchesItsOwnNamespacesAndNeverTheHostsInterfaces() {
        Set<String> mine = Set.copyOf(plan.namespaces());
        for (List<String> c : plan.setup()) {
            assertThat(c.get(0)).isEqualTo("ip");
            boolean named = (c.get(1).equals("-n") && mine.contains(c.get(2)))
                    || (c.get(1).equals("netns") && mine.contains(c.get(3)));
            assertThat(named).as("command %s names one of the run's namespaces", c).isTrue();
            if (c.contains("veth")) {
                assertThat(c.get(c.size() - 2)).as("the peer is created straight into a namespace: %s", c).isEqualTo("netns");
            }
        }
    }

    @Test
    void eachUplinkIsPolicyRoutedByItsSourceAddressAndNatedByItsIsp() {
        List<String> lines = new ArrayList<>(plan.setup().stream().map(c -> String.join(" ", c)).toList());

        assertThat(lines).contains(
                "ip -n lifeline-4242-beef-site rule add from 10.201.1.2 table 101",
                "ip -n lifeline-4242-beef-site rule add from 10.201.2.2 table 102",
                "ip -n lifeline-4242-beef-site route replace default via 10.201.1.1 dev wan1 table 101",
                "ip -n lifeline-4242-beef-site route replace default via 10.201.2.1 dev wan2 table 102");
        assertThat(lines).noneMatch(l -> l.startsWith("ip -n lifeline-4242-beef-site route add default"));   // no main-table default
        assertThat(lines).anyMatch(l -> l.contains("lifeline-4242-beef-isp2 nft") && l.contains("oifname \"up2\" masquerade")
                && l.contains("iifname \"up2\" ct state new drop"));
    }

    @Test
    void linkUpPutsTheRouteBackThatTheKernelFlushedOnDown() {
        assertThat(plan.linkDown(NetnsPlan.WAN1)).containsExactly(List.of("ip", "-n", plan.site(), "link", "set", "wan1", "down"));
        assertThat(plan.linkUp(NetnsPlan.WAN1)).hasSize(2).last().isEqualTo(plan.defaultRoute(NetnsPlan.WAN1));
    }

    @Test
    void aSilentCutDropsForwardedTrafficBothWaysAtTheIspAndIsUndoneByRemovingItsTable() {
        String cut = String.join(" ", plan.silentCut(NetnsPlan.WAN2).get(0));

        assertThat(cut).startsWith("ip netns exec lifeline-4242-beef-isp2 nft ")
                .contains("hook forward").contains("iifname \"site2\" drop").contains("oifname \"site2\" drop");
        assertThat(plan.silentCutEnd(NetnsPlan.WAN2).get(0)).endsWith("delete table inet lifeline_fault");
    }

    @Test
    void randomLossIsAnNftNumgenDropPerDirectionAtTheIspInItsOwnTable() {
        List<List<String>> both = plan.randomLoss(NetnsPlan.WAN1, 3, true, true);

        assertThat(both).containsExactly(List.of("ip", "netns", "exec", "lifeline-4242-beef-isp1", "nft",
                "add table inet lifeline_loss; add chain inet lifeline_loss loss { type filter hook forward priority filter; "
                        + "policy accept; }; add rule inet lifeline_loss loss iifname \"site1\" numgen random mod 10000 < 300 drop; "
                        + "add rule inet lifeline_loss loss oifname \"site1\" numgen random mod 10000 < 300 drop"));
        assertThat(String.join(" ", plan.randomLoss(NetnsPlan.WAN2, 0.5, false, true).get(0)))
                .contains("oifname \"site2\" numgen random mod 10000 < 50 drop").doesNotContain("iifname");
        assertThat(plan.randomLossEnd(NetnsPlan.WAN1)).containsExactly(
                List.of("ip", "netns", "exec", "lifeline-4242-beef-isp1", "nft", "delete table inet lifeline_loss"));
        assertThat(String.join(" ", both.get(0))).doesNotContain("netem").doesNotContain("tc ");
    }

    @Test
    void lossOutsideItsRangeOrInNoDirectionIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> plan.randomLoss(NetnsPlan.WAN1, 0, true, true)).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> plan.randomLoss(NetnsPlan.WAN1, 101, true, true)).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> plan.randomLoss(NetnsPlan.WAN1, 3, false, false)).hasMessageContaining("no direction");
    }

    @Test
    void blockingSipDropsTheProvidersSipPortBothWaysAndLeavesEverythingElse() {
        String block = String.join(" ", plan.blockSip(NetnsPlan.WAN1).get(0));

        assertThat(block).startsWith("ip netns exec lifeline-4242-beef-isp1 nft add table inet lifeline_sip;")
                .contains("hook forward")
                .contains("iifname \"site1\" meta l4proto { udp, tcp } th dport 5060 drop")
                .contains("oifname \"site1\" meta l4proto { udp, tcp } th sport 5060 drop");
        assertThat(block.split(" drop", -1)).as("two rules, nothing broader").hasSize(3);
        assertThat(plan.blockSipEnd(NetnsPlan.WAN1).get(0)).endsWith("delete table inet lifeline_sip");
    }

    @Test
    void natStateLossFlushesTheIspsConntrackAndResolverSilenceStopsItsPid() {
        assertThat(plan.natForget(NetnsPlan.WAN2)).containsExactly(
                List.of("ip", "netns", "exec", "lifeline-4242-beef-isp2", "conntrack", "-F"));
        assertThat(NetnsPlan.resolverSilent(777)).containsExactly(List.of("kill", "-STOP", "777"));
        assertThat(NetnsPlan.resolverBack(777)).containsExactly(List.of("kill", "-CONT", "777"));
    }

    @Test
    void staleNamespacesAreThoseOfDeadOwnersOnly() {
        List<String> listed = List.of("lifeline-100-00aa-site (id: 3)", "lifeline-100-00aa-inet", "lifeline-200-0bcd-site",
                "someone-elses", "lifeline-notapid-site");

        List<String> stale = NetnsPlan.stale(listed, pid -> pid == 200);

        assertThat(stale).containsExactly("lifeline-100-00aa-site", "lifeline-100-00aa-inet");
    }

    @Test
    void aPrefixOutsideTheFamilyIsRefused() {
        assertThatThrownBy(() -> new NetnsPlan("prod-site")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeline-<pid>-<hex tag>");
    }

    @Test
    void theFaultResolversListenNextToThePathsResolverEachConfiguredForItsRcode() {
        List<String> servfail = plan.faultResolver(NetnsPlan.WAN1, NetnsPlan.SERVFAIL_PORT, "/w/sf.pid", "/w/sf.log");
        List<String> refused = plan.faultResolver(NetnsPlan.WAN2, NetnsPlan.REFUSED_PORT, "/w/rf.pid", "/w/rf.log");

        assertThat(servfail).startsWith("ip", "netns", "exec", plan.inet(), "dnsmasq")
                .contains("--listen-address=198.18.0.53", "--port=5350", "--dnssec", "--server=198.18.0.53#53", "--pid-file=/w/sf.pid")
                .anyMatch(a -> a.startsWith("--trust-anchor=.,20326,8,2,"));
        // No upstream, no zone of its own: dnsmasq refuses every name.
        assertThat(refused).contains("--listen-address=198.18.0.54", "--port=5351", "--no-resolv")
                .noneMatch(a -> a.startsWith("--server") || a.startsWith("--local=") || a.startsWith("--dnssec")
                        || a.startsWith("--host-record") || a.startsWith("--srv-host"));
        assertThatThrownBy(() -> plan.faultResolver(NetnsPlan.WAN1, 53, "/p", "/l")).hasMessageContaining("expected 5350 or 5351");
    }

    @Test
    void theDnsFaultsTableIsPerPathAndItsEndFlushesInetsConntrack() {
        assertThat(plan.resolverAnswers(NetnsPlan.WAN1, NetnsPlan.REFUSED_PORT)).hasSize(2)
                .last().isEqualTo(List.of("ip", "netns", "exec", plan.inet(), "conntrack", "-F"));
        assertThat(String.join(" ", plan.resolverAnswers(NetnsPlan.WAN2, NetnsPlan.REFUSED_PORT).get(0)))
                .contains("add table ip lifeline_dns2").contains("tcp dport 53 dnat to 198.18.0.54:5351")
                .contains("ip saddr 198.18.0.54 udp sport 53 oifname != \"lo\" drop");
        assertThat(plan.resolverAnswersEnd(NetnsPlan.WAN2)).containsExactly(
                List.of("ip", "netns", "exec", plan.inet(), "nft", "delete table ip lifeline_dns2"),
                List.of("ip", "netns", "exec", plan.inet(), "conntrack", "-F"));
    }
}
