package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.5", "127.0.0.1", "192.168.1.200", "255.255.255.255", "224.2.1.1"})
    void ipv4LiteralsAreRead(String text) throws Exception {
        assertThat(IpLiteral.ipv4(text)).contains(InetAddress.getByName(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.4.5", "010.0.0.1", "1..2.3", ".1.2.3", "1.2.3.",
            "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "0x7f.0.0.1", "2130706433", "١.٢.٣.٤", "some.name.invalid", "", "::1"})
    void anythingElseIsNotAnIpv4Literal(String text) {
        assertThat(IpLiteral.ipv4(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::5", "2001:DB8:0:0:8:800:200C:417A", "fe80::", "::ffff:10.0.0.5",
            "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8"})
    void ipv6LiteralsAreRead(String text) throws Exception {
        assertThat(IpLiteral.ipv6(text)).contains(InetAddress.getByName(text));   // with a ':' getByName never asks DNS
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "::1:",
            ":1::", "1:2:3:4:5:6:7:8::", "::1.2.3", "::256.1.1.1", "1.2.3.4::", "[::1]", "fe80::1%eth0", "::1/64", "",
            "1:2:3:4:5:6:7:1.2.3.4", "10.0.0.1", "::١"})
    void anythingElseIsNotAnIpv6Literal(String text) {
        assertThat(IpLiteral.ipv6(text)).isEmpty();
    }

    @Test
    void everyIpv6AddressReadsBackFromItsFullAndCompressedForms() {
        qt().withExamples(2_000).forAll(lists().of(integers().between(0, 0xFFFF)).ofSize(8), integers().between(0, 7),
                        integers().between(0, 8))
                .checkAssert((groups, from, length) -> {
                    byte[] bytes = new byte[16];
                    for (int i = 0; i < 8; i++) {
                        bytes[2 * i] = (byte) (groups.get(i) >> 8);
                        bytes[2 * i + 1] = groups.get(i).byteValue();
                    }
                    InetAddress expected = address(bytes);
                    assertThat(IpLiteral.ipv6(full(groups))).contains(expected);
                    int zeroed = Math.min(length, 8 - from);
                    if (zeroed > 0) {
                        for (int i = from; i < from + zeroed; i++) {
                            bytes[2 * i] = 0;
                            bytes[2 * i + 1] = 0;
                        }
                        assertThat(IpLiteral.ipv6(compressed(groups, from, zeroed))).contains(address(bytes));
                    }
                });
    }

    @Test
    void ipv6ReadingAgreesWithTheJdksLiteralParserOnTextOfAddressCharacters() {
        String alphabet = "0123456789abcdef:.";
        qt().withExamples(5_000).forAll(lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(2, 20))
                .checkAssert(indexes -> {
                    StringBuilder text = new StringBuilder();
                    indexes.forEach(i -> text.append(alphabet.charAt(i)));
                    text.insert(1, ':');    // an IPv6 literal to the JDK, which then never asks DNS
                    if (text.charAt(0) == '.') {
                        assertThat(IpLiteral.ipv6(text.toString())).isEmpty();
                        return;
                    }
                    boolean longGroup = java.util.Arrays.stream(text.toString().split(":", -1))
                            .anyMatch(g -> g.indexOf('.') < 0 && g.length() > 4);
                    if (longGroup) {
                        // RFC 4291 §2.2: one to four hex digits a group. The JDK also takes more
                        // when the extra digits are leading zeros (0::00000); SDP's grammar does not.
                        assertThat(IpLiteral.ipv6(text.toString())).as(text.toString()).isEmpty();
                        return;
                    }
                    assertThat(IpLiteral.ipv6(text.toString())).as(text.toString()).isEqualTo(jdk(text.toString()));
                });
    }

    private static java.util.Optional<InetAddress> jdk(String text) {
        try {
            return java.util.Optional.of(InetAddress.getByName(text));
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    @Test
    void arbitraryTextNeverThrows() {
        qt().withExamples(5_000).forAll(strings().ascii().ofLengthBetween(0, 50)).checkAssert(text -> {
            IpLiteral.ipv4(text);
            IpLiteral.ipv6(text);
        });
    }

    @Test
    void theConnectionLineReadsItsOwnAddressTypeOnly() throws Exception {
        assertThat(Connection.parse("IN IP4 10.0.0.5").orElseThrow().ipAddress()).contains(InetAddress.getByName("10.0.0.5"));
        assertThat(Connection.parse("IN IP4 224.2.1.1/127/3").orElseThrow().ipAddress())
                .contains(InetAddress.getByName("224.2.1.1"));
        assertThat(Connection.parse("IN IP6 ff15::101/3").orElseThrow().ipAddress()).contains(InetAddress.getByName("ff15::101"));
        assertThat(Connection.parse("IN IP4 ::1").orElseThrow().ipAddress()).isEmpty();
        assertThat(Connection.parse("IN IP6 10.0.0.5").orElseThrow().ipAddress()).isEmpty();
        assertThat(Connection.parse("IN IP4 999.1.1.1").orElseThrow().ipAddress()).isEmpty();
        assertThat(Connection.parse("IN IP4 pbx.example.com").orElseThrow().ipAddress()).isEmpty();
        assertThat(Connection.parse("ATM NSAP 47.0091.8100.0000").orElseThrow().ipAddress()).isEmpty();
    }

    private static String full(List<Integer> groups) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(i == 0 ? "" : ":").append(Integer.toHexString(groups.get(i)));
        }
        return out.toString();
    }

    /** Groups {@code from}..{@code from + zeroed - 1} written as "::". */
    private static String compressed(List<Integer> groups, int from, int zeroed) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < from; i++) {
            head.append(i == 0 ? "" : ":").append(Integer.toHexString(groups.get(i)));
        }
        StringBuilder tail = new StringBuilder();
        for (int i = from + zeroed; i < 8; i++) {
            tail.append(tail.isEmpty() ? "" : ":").append(Integer.toHexString(groups.get(i)));
        }
        return head + "::" + tail;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            assertThat(a).isInstanceOfAny(Inet6Address.class, java.net.Inet4Address.class);
            return a;
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
