package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §18.2.2 and RFC 3581 §4, one row per rule. */
class ResponseRoutingTest {

    @ParameterizedTest(name = "{0} open={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # top Via                                                               | conn open | expected
            SIP/2.0/TCP 10.0.0.5:5070;branch=z9hG4bK1                               | true  | same connection
            SIP/2.0/TLS 10.0.0.5:5071;branch=z9hG4bK1;received=203.0.113.9          | true  | same connection
            SIP/2.0/TCP 10.0.0.5:5070;branch=z9hG4bK1;received=203.0.113.9          | false | TCP 203.0.113.9:5070
            SIP/2.0/TCP 10.0.0.5;branch=z9hG4bK1;received=203.0.113.9               | false | TCP 203.0.113.9:5060
            SIP/2.0/TLS 10.0.0.5;branch=z9hG4bK1;received=203.0.113.9               | false | TLS 203.0.113.9:5061
            SIP/2.0/TLS 10.0.0.5:5071;branch=z9hG4bK1                               | false | TLS 10.0.0.5:5071
            SIP/2.0/TCP 10.0.0.5:5070;branch=z9hG4bK1;received=203.0.113.9;rport=41000 | false | TCP 203.0.113.9:5070
            SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;maddr=239.255.255.1;received=203.0.113.9;rport=41000 | false | UDP 239.255.255.1:5062
            SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1;maddr=239.255.255.1              | false | UDP 239.255.255.1:5060
            SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;received=203.0.113.9;rport=41000 | false | UDP 203.0.113.9:41000
            SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;received=203.0.113.9          | false | UDP 203.0.113.9:5062
            SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1;received=203.0.113.9               | false | UDP 203.0.113.9:5060
            SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1                               | false | UDP 10.0.0.5:5062
            SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1                               | true  | UDP 10.0.0.5:5062
            SIP/2.0/UDP [2001:db8::7]:5062;branch=z9hG4bK1;received=2001:db8::9;rport=41000 | false | UDP 2001:db8::9:41000
            """)
    void routesPerRfc3261Section18_2_2(String via, boolean connectionOpen, String expected) {
        Via top = Via.parse(via);
        Transport transport = Transport.fromViaToken(top.transport()).orElseThrow();
        assertThat(describe(ResponseRouting.select(top, transport, connectionOpen))).isEqualTo(expected);
    }

    private static String describe(ResponseRoute route) {
        return switch (route) {
            case ResponseRoute.SameConnection same -> "same connection";
            case ResponseRoute.Destination d -> d.transport() + " " + d.host() + ":" + d.port();
        };
    }
}
