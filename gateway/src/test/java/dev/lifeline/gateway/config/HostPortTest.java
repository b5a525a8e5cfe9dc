package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:5060, 127.0.0.1, 5060", "[::1]:5060, ::1, 5060", "sip.example.net:5070, sip.example.net, 5070",
        "[2001:db8::11]:53, 2001:db8::11, 53", "localhost:1, localhost, 1"})
    void readsHostAndPort(String text, String host, int port) {
        assertThat(HostPort.parse(text)).isEqualTo(HostPort.of(host, port));
        assertThat(HostPort.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void aDomainWithoutPortIsForDnsLookup() {
        HostPort hp = HostPort.parse("sip.example.net");
        assertThat(hp.port()).isEqualTo(OptionalInt.empty());
        assertThat(hp.isIpLiteral()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1:5060", "[::1", "[nothex]:5060", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:http",
        "300.1.1.1:5060", "bad_host:5060", "127.0.0.1:5060x", ""})
    void refusesMalformedAddressesSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected host:port");
    }

    @Test
    void bindableAddressesAreIpLiterals() {
        assertThat(HostPort.parseBindable("[::1]:5060").isIpLiteral()).isTrue();
        assertThatThrownBy(() -> HostPort.parseBindable("localhost:5060")).hasMessageContaining("names a host");
        assertThatThrownBy(() -> HostPort.parseBindable("127.0.0.1")).hasMessageContaining("has no port");
    }

    @Test
    void everyIpv4AndPortRoundTrips() {
        qt().forAll(integers().between(0, 255), integers().between(0, 255), integers().between(1, 65535))
                .check((a, b, port) -> {
                    String text = "10." + a + "." + b + ".1:" + port;
                    return HostPort.parseBindable(text).toString().equals(text);
                });
    }
}
