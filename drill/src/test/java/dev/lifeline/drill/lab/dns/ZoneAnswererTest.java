package dev.lifeline.drill.lab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The answering rule without sockets. */
class ZoneAnswererTest {

    private static final Name ORIGIN = ProviderZone.absolute("provider.test");
    private static final ZoneView VIEW = ProviderZone.view("provider.test", List.of(
            ZoneTarget.udp("sip1", ip("127.0.0.61"), 5060),
            ZoneTarget.udp("sip2", ip("127.0.0.62"), 5062).withPriority(20).withTcpPort(5062)), Duration.ofSeconds(30));

    @Test
    void naptrAnswerCarriesSrvAndAddressesAsAdditional() {
        Message response = answer(VIEW, DnsFault.NONE, ORIGIN, Type.NAPTR);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).hasSize(2).allMatch(r -> r.getType() == Type.NAPTR);
        assertThat(response.getSection(Section.ADDITIONAL)).extracting(Record::getType)
                .containsExactlyInAnyOrder(Type.SRV, Type.SRV, Type.SRV, Type.A, Type.A);
    }

    @Test
    void srvAnswerListsTargetsWithPriorities() {
        Message response = answer(VIEW, DnsFault.NONE, ProviderZone.name("_sip._udp", ORIGIN), Type.SRV);

        assertThat(response.getSection(Section.ANSWER)).map(r -> ((SRVRecord) r).getPriority()).containsExactly(10, 20);
        assertThat(response.getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 30);
    }

    @Test
    void missingTypeIsNodataAndMissingNameIsNxdomainBothWithSoa() {
        Message nodata = answer(VIEW, DnsFault.NONE, ProviderZone.name("sip1", ORIGIN), Type.AAAA);
        Message nx = answer(VIEW, DnsFault.NONE, ProviderZone.name("nope", ORIGIN), Type.A);

        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement().extracting(Record::getTTL).isEqualTo(30L);
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() {
        Message response = answer(VIEW, DnsFault.NONE, ProviderZone.name("_udp", ORIGIN), Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void outsideTheZoneIsRefused() {
        assertThat(answer(VIEW, DnsFault.NONE, ProviderZone.absolute("example.com"), Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void faultsOverrideTheView() {
        assertThat(answer(VIEW, DnsFault.SERVFAIL, ORIGIN, Type.NAPTR).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer(VIEW, DnsFault.REFUSED, ORIGIN, Type.NAPTR).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(answer(VIEW, DnsFault.SERVFAIL, ORIGIN, Type.NAPTR).getSection(Section.ANSWER)).isEmpty();
        assertThat(ZoneAnswerer.answer(VIEW, DnsFault.SILENT, query(ORIGIN, Type.NAPTR))).isEmpty();
    }

    @Test
    void nonQueryOpcodeIsNotImplementedAndResponsesAreNeverAnswered() {
        Message notify = query(ORIGIN, Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        Message response = query(ORIGIN, Type.SOA);
        response.getHeader().setFlag(Flags.QR);

        assertThat(ZoneAnswerer.answer(VIEW, DnsFault.NONE, notify).orElseThrow().getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(ZoneAnswerer.answer(VIEW, DnsFault.NONE, response)).isEmpty();
    }

    @Test
    void replacingAndRemovingRecordsChangesOnlyThatView() {
        Name sip1 = ProviderZone.name("sip1", ORIGIN);
        ZoneView wrong = VIEW.replacing(sip1, Type.A, List.of(new ARecord(sip1, DClass.IN, 5, ip("127.0.0.99"))))
                .without(ProviderZone.name("_sip._udp", ORIGIN), Type.SRV);

        assertThat(((ARecord) answer(wrong, DnsFault.NONE, sip1, Type.A).getSection(Section.ANSWER).get(0)).getAddress())
                .isEqualTo(ip("127.0.0.99"));
        assertThat(answer(wrong, DnsFault.NONE, ProviderZone.name("_sip._udp", ORIGIN), Type.SRV).getSection(Section.ANSWER))
                .isEmpty();
        assertThat(answer(VIEW, DnsFault.NONE, ProviderZone.name("_sip._udp", ORIGIN), Type.SRV).getSection(Section.ANSWER))
                .hasSize(2);
    }

    private static Message answer(ZoneView view, DnsFault fault, Name name, int type) {
        return ZoneAnswerer.answer(view, fault, query(name, type)).orElseThrow();
    }

    private static Message query(Name name, int type) {
        return Message.newQuery(Record.newRecord(name, type, DClass.IN));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
