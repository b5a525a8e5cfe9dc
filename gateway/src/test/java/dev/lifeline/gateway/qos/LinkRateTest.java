package dev.lifeline.gateway.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkRateTest {

    @Test
    void rates_are_read_as_tc_writes_them_with_si_prefixes() {
        assertThat(LinkRate.parse("20mbit").bitsPerSecond()).isEqualTo(20_000_000);
        assertThat(LinkRate.parse("100MBIT").bitsPerSecond()).isEqualTo(100_000_000);
        assertThat(LinkRate.parse("512kbit").bitsPerSecond()).isEqualTo(512_000);
        assertThat(LinkRate.parse("1.5gbit").bitsPerSecond()).isEqualTo(1_500_000_000);
        assertThat(LinkRate.parse("1.5gbit")).hasToString("1500mbit");
        assertThat(LinkRate.parse("20mbit").kbit(0.95)).isEqualTo(19_000);
    }

    @Test
    void bytes_per_second_negative_zero_and_unitless_rates_are_refused_saying_what_is_expected() {
        assertThatThrownBy(() -> LinkRate.parse("20mbps"))
                .hasMessage("'20mbps' is not a link rate ('bps' is ambiguous: tc reads it as bytes per second); "
                        + "expected a number and a unit in bits per second: 512kbit, 20mbit, 1gbit");
        assertThatThrownBy(() -> LinkRate.parse("-1")).hasMessageStartingWith("'-1' is not a link rate (a rate is positive)");
        assertThatThrownBy(() -> LinkRate.parse("20")).hasMessageStartingWith("'20' is not a link rate;");
        assertThatThrownBy(() -> LinkRate.parse("0mbit")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> LinkRate.parse("5000gbit")).hasMessageContaining("out of range");
    }
}
