package dev.lifeline.gateway.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The per-call arithmetic against figures worked out by hand. */
class CallBandwidthTest {

    @Test
    void g711_at_20ms_is_80_kbit_at_ip_and_87_2_on_ethernet() {
        // 160 B payload + 12 RTP + 8 UDP + 20 IPv4 = 200 B, x 50/s x 8 = 80 000; +18 B Ethernet = 218 B -> 87 200.
        CallBandwidth b = new CallBandwidth(CodecUse.parse("g711/20ms"), false);
        assertThat(b.payloadBytes()).isEqualTo(160);
        assertThat(b.ipPacketBytes()).isEqualTo(200);
        assertThat(b.ethernetFrameBytes()).isEqualTo(218);
        assertThat(b.ipBitsPerSecond()).isCloseTo(80_000, within(1e-6));
        assertThat(b.ethernetBitsPerSecond()).isCloseTo(87_200, within(1e-6));
    }

    @Test
    void g729_at_20ms_is_24_kbit_at_ip_and_31_2_on_ethernet() {
        // 20 B payload + 40 = 60 B x 50 x 8 = 24 000; 78 B -> 31 200.
        CallBandwidth b = new CallBandwidth(CodecUse.parse("G.729"), false);
        assertThat(b.ipBitsPerSecond()).isCloseTo(24_000, within(1e-6));
        assertThat(b.ethernetBitsPerSecond()).isCloseTo(31_200, within(1e-6));
    }

    @Test
    void g711_at_30ms_sends_fewer_bigger_packets() {
        // 240 B + 40 = 280 B x (1000/30) x 8 = 74 666.7; 298 B -> 79 466.7.
        CallBandwidth b = new CallBandwidth(CodecUse.parse("pcmu/30ms"), false);
        assertThat(b.ipBitsPerSecond()).isCloseTo(74_666.67, within(0.01));
        assertThat(b.ethernetBitsPerSecond()).isCloseTo(79_466.67, within(0.01));
    }

    @Test
    void ipv6_adds_twenty_bytes_per_packet() {
        // 160 + 12 + 8 + 40 = 220 B -> 88 000; 238 B -> 95 200.
        CallBandwidth b = new CallBandwidth(CodecUse.parse("pcma"), true);
        assertThat(b.ipBitsPerSecond()).isCloseTo(88_000, within(1e-6));
        assertThat(b.ethernetBitsPerSecond()).isCloseTo(95_200, within(1e-6));
    }

    @Test
    void gsm_carries_33_bytes_per_20ms_frame() {
        // 33 + 40 = 73 B x 50 x 8 = 29 200.
        assertThat(new CallBandwidth(CodecUse.parse("gsm/40ms"), false).payloadBytes()).isEqualTo(66);
        assertThat(new CallBandwidth(CodecUse.parse("gsm"), false).ipBitsPerSecond()).isCloseTo(29_200, within(1e-6));
    }

    @Test
    void an_exact_fit_counts_and_one_bit_less_does_not() {
        CallBandwidth b = new CallBandwidth(CodecUse.parse("g711"), false);
        assertThat(b.streamsIn(872_000)).isEqualTo(10);
        assertThat(b.streamsIn(871_999)).isEqualTo(9);
    }

    @Test
    void packetisations_that_split_a_frame_or_a_codec_unknown_are_refused() {
        assertThatThrownBy(() -> CodecUse.parse("g729/15ms")).hasMessageContaining("whole 10 ms frames");
        assertThatThrownBy(() -> CodecUse.parse("gsm/30ms")).hasMessageContaining("whole 20 ms frames");
        assertThatThrownBy(() -> CodecUse.parse("g711/5ms")).hasMessageContaining("10-120 ms");
        assertThatThrownBy(() -> CodecUse.parse("g711/20")).hasMessageContaining("g711/20ms");
        assertThatThrownBy(() -> CodecUse.parse("opus")).hasMessageContaining("'opus' is not a codec the plan knows");
    }
}
