package dev.lifeline.gateway.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QosPlannerTest {

    private static PlanOptions options(String up, String down, Shaper shaper, String... codecs) {
        return new PlanOptions(LinkRate.parse(up), LinkRate.parse(down), shaper,
                java.util.Arrays.stream(codecs).map(CodecUse::parse).toList(), PlanOptions.DEFAULT_VOICE_SHARE,
                PlanOptions.DEFAULT_SHAPE_AT);
    }

    @Test
    void a_20_by_100_mbit_path_carries_54_g711_calls_limited_by_the_uplink() throws Exception {
        // Up: 20 000 kbit x 0.95 = 19 000 kbit shaped; x 0.25 = 4 750 000 bit/s of voice; / 87 200 = 54.47 -> 54.
        // Down: 95 000 kbit x 0.25 = 23 750 000 / 87 200 = 272.4 -> 272.
        QosPlan plan = QosPlanner.plan(QosSites.example(), Optional.of("wan1"),
                options("20mbit", "100mbit", Shaper.CAKE, "g711/20ms", "g729/20ms"));
        assertThat(plan.capacity()).hasSize(2);
        QosPlan.PathCapacity g711 = plan.capacity().get(0);
        assertThat(g711.path()).isEqualTo("wan1");
        assertThat(g711.upKbit()).isEqualTo(19_000);
        assertThat(g711.downKbit()).isEqualTo(95_000);
        assertThat(g711.callsUp()).isEqualTo(54);
        assertThat(g711.callsDown()).isEqualTo(272);
        assertThat(g711.calls()).isEqualTo(54);
        // G.729: 4 750 000 / 31 200 = 152.2 -> 152; 23 750 000 / 31 200 = 761.2 -> 761.
        assertThat(plan.capacity().get(1).calls()).isEqualTo(152);
        assertThat(plan.capacity().get(1).callsDown()).isEqualTo(761);
        assertThat(plan.arithmetic()).contains("87.2").contains("80.0").contains("31.2")
                .contains("not measured").contains("(computed)");
        assertThat(plan.shaping()).containsOnlyKeys("wan1");
    }

    @Test
    void without_a_path_every_path_is_planned_and_the_text_says_the_rates_were_shared() throws Exception {
        QosPlan plan = QosPlanner.plan(QosSites.example(), Optional.empty(), options("20mbit", "100mbit", Shaper.CAKE, "g711"));
        assertThat(plan.shaping()).containsOnlyKeys("wan1", "wan2");
        assertThat(plan.capacity()).extracting(QosPlan.PathCapacity::path).containsExactly("wan1", "wan2");
        assertThat(plan.arithmetic()).contains("applied to every path");
        assertThat(plan.nftables()).contains("elements = { 127.0.0.11, 127.0.0.12 }");
    }

    @Test
    void an_ipv6_path_is_counted_with_the_ipv6_header() throws Exception {
        // IPv6 G.711 20 ms: 95 200 bit/s per stream; 4 750 000 / 95 200 = 49.9 -> 49 calls up.
        QosPlan plan = QosPlanner.plan(QosSites.mixed(), Optional.of("lte"), options("20mbit", "100mbit", Shaper.CAKE, "g711"));
        assertThat(plan.capacity().get(0).call().ipv6()).isTrue();
        assertThat(plan.capacity().get(0).calls()).isEqualTo(49);
        assertThat(plan.perCall()).extracting(CallBandwidth::ipv6).containsExactly(true);
    }

    @Test
    void the_rules_mark_the_configured_code_points_on_the_gateways_addresses_and_ports() throws Exception {
        String nft = QosPlanner.plan(QosSites.mixed(), Optional.empty(), options("10mbit", "50mbit", Shaper.CAKE, "g711"))
                .nftables();
        assertThat(nft).contains("table inet lifeline_qos {")
                .contains("type ipv4_addr").contains("elements = { 198.51.100.7 }")
                .contains("type ipv6_addr").contains("elements = { 2001:db8:0:0:0:0:0:7 }")
                // media.dscp 34 = AF41 on the RTP range, both directions, both families
                .contains("ip saddr @gateway_v4 udp sport 16384-16483 ip dscp set af41 accept")
                .contains("ip6 daddr @gateway_v6 udp dport 16384-16483 ip6 dscp set af41 accept")
                // signalling.dscp 26 = AF31 on the SIP listeners (udp 5080, TLS 5091 over tcp)
                .contains("ip saddr @gateway_v4 udp sport 5080 ip dscp set af31 accept")
                .contains("ip daddr @gateway_v4 tcp dport 5091 ip dscp set af31 accept")
                // the TLS provider named by domain: 5061 assumed
                .contains("ip saddr @gateway_v4 tcp dport 5061 ip dscp set af31 accept")
                .contains("ip dscp { af41, af31 } ip dscp set cs0");
        // the washing rule comes last, so the gateway's own marks (which accept) are kept
        assertThat(nft.lastIndexOf("set af41 accept")).isLessThan(nft.indexOf("ip dscp { af41, af31 } ip dscp set cs0"));
    }

    @Test
    void cake_shapes_each_direction_just_below_the_link() throws Exception {
        String sh = QosPlanner.plan(QosSites.example(), Optional.of("wan2"), options("20mbit", "100mbit", Shaper.CAKE, "g711"))
                .shaping().get("wan2");
        assertThat(sh).startsWith("#!/bin/sh\n").contains("set -eu")
                .contains("root cake bandwidth 19000kbit diffserv4 nat\n")
                .contains("root cake bandwidth 95000kbit diffserv4 nat ingress\n")
                .contains("IFB_DEV=\"${IFB_DEV:-ifb-wan2}\"")
                .contains("mirred egress redirect dev \"$IFB_DEV\"");
    }

    @Test
    void htb_guarantees_voice_its_share_and_matches_the_configured_code_points() throws Exception {
        String sh = QosPlanner.plan(QosSites.example(), Optional.of("wan1"), options("20mbit", "100mbit", Shaper.HTB, "g711"))
                .shaping().get("wan1");
        // 19 000 x 0.25 = 4 750; 95 000 x 0.25 = 23 750. EF 46 << 2 = 0xb8, CS3 24 << 2 = 0x60.
        assertThat(sh).contains("shape \"$WAN_DEV\" 19000 4750\n").contains("shape \"$IFB_DEV\" 95000 23750\n")
                .contains("match ip dsfield 0xb8 0xfc flowid 1:10").contains("match ip dsfield 0x60 0xfc flowid 1:10")
                .contains("match ip6 priority 0xb8 0xfc flowid 1:10").contains("fq_codel").doesNotContain("cake");
    }

    @Test
    void an_unknown_path_is_named_with_the_paths_there_are() {
        assertThatThrownBy(() -> QosPlanner.plan(QosSites.example(), Optional.of("wan3"),
                options("20mbit", "100mbit", Shaper.CAKE, "g711")))
                .hasMessage("the site has no path 'wan3'; its paths are wan1, wan2");
    }

    @Test
    void shares_outside_their_range_are_refused() {
        assertThatThrownBy(() -> new PlanOptions(LinkRate.parse("1mbit"), LinkRate.parse("1mbit"), Shaper.CAKE,
                List.of(CodecUse.parse("g711")), 0, 0.95)).hasMessageContaining("voice share");
        assertThatThrownBy(() -> new PlanOptions(LinkRate.parse("1mbit"), LinkRate.parse("1mbit"), Shaper.CAKE,
                List.of(CodecUse.parse("g711")), 0.25, 1.0)).hasMessageContaining("shaping point");
    }
}
