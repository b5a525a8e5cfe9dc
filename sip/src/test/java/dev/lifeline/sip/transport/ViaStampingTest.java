package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.Via;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §18.2.1 (received) and RFC 3581 §4 (rport), one row per case. */
class ViaStampingTest {

    @ParameterizedTest(name = "{0} from {1}:{2}")
    @CsvSource(delimiter = '|', textBlock = """
            # top Via as sent                                | source ip    | port  | received     | rport
            SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK1     | 203.0.113.9  | 5060  |              |
            SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1        | 203.0.113.9  | 5060  | 203.0.113.9  |
            SIP/2.0/UDP phone.site.example;branch=z9hG4bK1   | 203.0.113.9  | 5060  | 203.0.113.9  |
            SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport  | 203.0.113.9  | 41000 | 203.0.113.9  | 41000
            SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK1;rport | 203.0.113.9 | 41000 | 203.0.113.9 | 41000
            SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport=7777 | 203.0.113.9 | 41000 | 203.0.113.9 | 7777
            SIP/2.0/TCP [2001:db8::7]:5060;branch=z9hG4bK1   | 2001:db8::7  | 5060  |              |
            SIP/2.0/TCP [2001:db8::7]:5060;branch=z9hG4bK1;rport | 2001:db8::9 | 41000 | 2001:db8::9  | 41000
            """)
    void stampsTheTopVia(String via, String sourceIp, int sourcePort, String received, Integer rport) {
        Via stamped = ViaStamping.stamp(Via.parse(via), new InetSocketAddress(sourceIp, sourcePort));
        assertThat(stamped.received().orElse(null)).isEqualTo(received);
        assertThat(stamped.rport().isPresent() ? stamped.rport().getAsInt() : null).isEqualTo(rport);
        assertThat(stamped.branch()).contains("z9hG4bK1");
    }
}
