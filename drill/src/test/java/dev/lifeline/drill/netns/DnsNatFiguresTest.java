package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rcodes and the re-registration after a NAT port change, read from captured datagrams. */
class DnsNatFiguresTest {

    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

    /** A DNS header: id 0x1234, the flags' two bytes, one question, no records. */
    private static byte[] dns(int flagsHigh, int flagsLow) {
        return new byte[] {0x12, 0x34, (byte) flagsHigh, (byte) flagsLow, 0, 1, 0, 0, 0, 0, 0, 0};
    }

    private static Datagram at(double s, String src, int sport, String dst, int dport, byte[] payload) {
        return new Datagram(T0.plusMillis((long) (s * 1000)), src, sport, dst, dport, payload);
    }

    private static Datagram sip(double s, String src, int sport, String dst, int dport, String text) {
        return at(s, src, sport, dst, dport, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theRcodeIsReadFromResponsesOnly() {
        assertThat(DnsNatFigures.rcode(dns(0x81, 0x82))).contains(2);         // QR, RD, RA, SERVFAIL
        assertThat(DnsNatFigures.rcode(dns(0x81, 0x85))).contains(5);         // REFUSED
        assertThat(DnsNatFigures.rcode(dns(0x01, 0x00))).isEmpty();           // a query
        assertThat(DnsNatFigures.rcode(new byte[] {1, 2, 3})).isEmpty();      // not DNS
        assertThat(DnsNatFigures.rcodeName(2)).isEqualTo("SERVFAIL");
        assertThat(DnsNatFigures.rcodeName(5)).isEqualTo("REFUSED");
        assertThat(DnsNatFigures.rcodeName(9)).isEqualTo("rcode 9");
    }

    @Test
    void answersAreCountedPerRcodeFromTheResolverToTheSiteOnly() {
        List<Datagram> wan1 = List.of(
                at(0.5, "198.18.0.53", 53, "10.201.1.2", 40001, dns(0x85, 0x80)),     // NOERROR before: counted
                at(1.0, "10.201.1.2", 40002, "198.18.0.53", 53, dns(0x01, 0x00)),     // a query: not an answer
                at(4.5, "198.18.0.53", 53, "10.201.1.2", 40003, dns(0x81, 0x82)),
                at(5.5, "198.18.0.53", 53, "10.201.1.2", 40004, dns(0x81, 0x82)),
                at(6.0, "198.18.0.54", 53, "10.201.1.2", 40005, dns(0x81, 0x85)),     // the other resolver
                at(6.5, "198.18.0.53", 5350, "10.201.1.2", 40006, dns(0x81, 0x85)));  // not from port 53

        var seen = DnsNatFigures.answers(wan1, "198.18.0.53", "10.201.1.2", T0);

        assertThat(seen).containsOnlyKeys("NOERROR", "SERVFAIL");
        assertThat(seen.get("SERVFAIL")).isEqualTo(new DnsNatFigures.Seen(2, T0.plusMillis(4500)));
        assertThat(DnsNatFigures.answersLine(wan1, "198.18.0.53", "10.201.1.2", T0, "wan1.pcap"))
                .isEqualTo("resolver 198.18.0.53 answered 10.201.1.2 NOERROR ×1 (first at 0.5 s), SERVFAIL ×2 (first at 4.5 s) (wan1.pcap)");
        assertThat(DnsNatFigures.answersLine(List.of(), "198.18.0.53", "10.201.1.2", T0, "wan1.pcap")).contains("sent no answers");
    }

    @Test
    void theReRegistrationIsTheFirstRegisterFromANewPortAndTheOkToThatPort() {
        String register = "REGISTER sip:provider.test SIP/2.0\r\nCSeq: 7 REGISTER\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\nCSeq: 7 REGISTER\r\n\r\n";
        List<Datagram> inet = List.of(
                sip(8.0, "100.64.1.2", 5060, "198.18.0.10", 5060, register),            // before the change
                sip(9.2, "100.64.1.2", 5060, "198.18.0.10", 5060, register),            // old port: not a re-map
                sip(9.5, "100.64.1.2", 40123, "198.18.0.10", 5060, register),
                sip(9.51, "198.18.0.10", 5060, "100.64.1.2", 5060, ok),                 // to the old port
                sip(9.52, "198.18.0.10", 5060, "100.64.1.2", 40123, ok));

        var r = DnsNatFigures.reRegistered(inet, "100.64.1.2", 40000, 40999, T0.plusSeconds(9)).orElseThrow();

        assertThat(r.port()).isEqualTo(40123);
        assertThat(r.register()).isEqualTo(T0.plusMillis(9500));
        assertThat(r.ok()).contains(T0.plusMillis(9520));
        assertThat(DnsNatFigures.reRegistered(inet.subList(0, 3), "100.64.1.2", 40000, 40999, T0.plusSeconds(9)).orElseThrow().ok())
                .isEmpty();
        assertThat(DnsNatFigures.reRegistered(inet, "100.64.1.2", 40000, 40999, T0.plusSeconds(10))).isEmpty();
    }
}
