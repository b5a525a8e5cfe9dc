package dev.lifeline.drill.lab.dns;

import static dev.lifeline.drill.lab.dns.ZoneAnswererTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Two split-horizon endpoints on their own loopback addresses, queried with dnsjava's SimpleResolver. */
class LabDnsSocketTest {

    private static final Name ORIGIN = ProviderZone.absolute("provider.test");
    private static final Name SIP1 = ProviderZone.name("sip1", ORIGIN);
    private static final Name SRV_UDP = ProviderZone.name("_sip._udp", ORIGIN);

    private LabDns dns;
    private ResolverEndpoint wan1;
    private ResolverEndpoint wan2;

    @BeforeEach
    void start() throws IOException {
        dns = new LabDns();
        wan1 = dns.addEndpoint("wan1", new InetSocketAddress("127.0.0.21", 0), viewVia("127.0.0.31"));
        wan2 = dns.addEndpoint("wan2", new InetSocketAddress("127.0.0.22", 0), viewVia("127.0.0.32"));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private static ZoneView viewVia(String relay) {
        return ProviderZone.view("provider.test", List.of(ZoneTarget.udp("sip1", ip(relay), 5060),
                ZoneTarget.udp("sip2", ip(relay), 5062).withPriority(20)), Duration.ofSeconds(60));
    }

    @Test
    void eachPathGetsItsOwnViewOfTheProviderTargets() throws IOException {
        Message a1 = query(wan1, SIP1, Type.A, false);
        Message a2 = query(wan2, SIP1, Type.A, false);

        assertThat(address(a1)).isEqualTo("127.0.0.31");
        assertThat(address(a2)).isEqualTo("127.0.0.32");
        assertThat(a1.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(60);
        assertThat(wan1.counters().queries()).isEqualTo(1);
        assertThat(wan1.queries(SIP1, Type.A)).isEqualTo(1);
        assertThat(wan2.counters().answered()).isEqualTo(1);
    }

    @Test
    void naptrThenSrvThenAOverUdpAndTcp() throws IOException {
        Message naptr = query(wan1, ORIGIN, Type.NAPTR, false);
        Message srv = query(wan1, SRV_UDP, Type.SRV, true);

        NAPTRRecord n = (NAPTRRecord) naptr.getSection(Section.ANSWER).get(0);
        assertThat(n.getService()).isEqualTo("SIP+D2U");
        assertThat(n.getReplacement()).isEqualTo(SRV_UDP);
        assertThat(naptr.getSection(Section.ADDITIONAL)).extracting(Record::getType).contains(Type.SRV, Type.A);
        assertThat(srv.getSection(Section.ANSWER)).map(r -> ((SRVRecord) r).getPort()).containsExactly(5060, 5062);
        assertThat(wan1.counters().tcp()).isEqualTo(1);
    }

    @Test
    void servfailAndRefusedFaultsPerEndpoint() throws IOException {
        wan1.setFault(DnsFault.SERVFAIL);
        wan2.setFault(DnsFault.REFUSED);

        assertThat(query(wan1, SIP1, Type.A, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(query(wan2, SIP1, Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(wan1.counters().servFail()).isEqualTo(1);
        assertThat(wan2.counters().refused()).isEqualTo(1);

        wan1.setFault(DnsFault.NONE);
        assertThat(query(wan1, SIP1, Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void aStoppedEndpointAnswersNothingButCountsTheQuery() {
        wan1.setFault(DnsFault.SILENT);

        assertThatThrownBy(() -> query(wan1, SIP1, Type.A, false)).isInstanceOf(IOException.class);
        assertThat(wan1.counters().queries()).isPositive();
        assertThat(wan1.counters().silent()).isEqualTo(wan1.counters().queries());
    }

    @Test
    void removedSrvAndWrongAAtRuntime() throws IOException {
        wan1.updateView(v -> v.without(SRV_UDP, Type.SRV)
                .replacing(SIP1, Type.A, List.of(new ARecord(SIP1, DClass.IN, 5, ip("127.0.0.99")))));

        Message srv = query(wan1, SRV_UDP, Type.SRV, false);
        assertThat(srv.getRcode()).as("no record is left at the SRV name").isEqualTo(Rcode.NXDOMAIN);
        assertThat(srv.getSection(Section.ANSWER)).isEmpty();
        assertThat(address(query(wan1, SIP1, Type.A, false))).isEqualTo("127.0.0.99");
        assertThat(address(query(wan2, SIP1, Type.A, false))).isEqualTo("127.0.0.32");
    }

    @Test
    void garbageWithAHeaderGetsFormerrAndShortGarbageNothing() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(2000);
            byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 99, 'x'};
            socket.send(new DatagramPacket(garbage, garbage.length, wan1.address()));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            Message formerr = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));

            assertThat(formerr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(wan1.counters().malformed()).isEqualTo(1);
        }
    }

    @Test
    void aSecondEndpointForOnePathIsRefused() {
        assertThatThrownBy(() -> dns.addEndpoint("wan1", new InetSocketAddress("127.0.0.23", 0), viewVia("127.0.0.33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wan1");
    }

    private static Message query(ResolverEndpoint endpoint, Name name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(endpoint.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofMillis(700));
        return resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    }

    private static String address(Message response) {
        return ((ARecord) response.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
    }
}
