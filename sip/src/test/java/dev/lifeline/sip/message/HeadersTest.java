package dev.lifeline.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.uri.SipUri;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private final Headers headers = SipRequest.builder("OPTIONS", SipUri.of(null, "h", -1))
            .header("v", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2")
            .header("VIA", "SIP/2.0/UDP c;branch=z9hG4bK3")
            .header("m", "\"Doe, John\" <sip:j@h;x=a,b>, <sip:k@h>")
            .header("k", "path, outbound")
            .build().headers();

    @Test
    void compactFormsAreExpandedAndLookupIgnoresCase() {
        assertThat(headers.all()).extracting(HeaderField::name).startsWith("Via", "Via", "Contact", "Supported");
        assertThat(headers.values("via")).hasSize(2);
        assertThat(headers.first("V")).contains("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2");
        assertThat(headers.splitValues("Via")).hasSize(3);
        assertThat(headers.first("Content-Length")).contains("0");
    }

    @Test
    void splitValuesRespectsQuotesAndAngleBrackets() {
        assertThat(headers.splitValues("Contact")).containsExactly("\"Doe, John\" <sip:j@h;x=a,b>", "<sip:k@h>");
        assertThat(headers.splitValues("supported")).containsExactly("path", "outbound");
    }

    @Test
    void builderRejectsHeaderInjection() {
        var b = SipRequest.builder("OPTIONS", SipUri.of(null, "h", -1));
        assertThatThrownBy(() -> b.header("X", "a\r\nVia: evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.header("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setAndRemoveHeader() {
        SipRequest r = SipRequest.builder("OPTIONS", SipUri.of(null, "h", -1))
                .header("X-A", "1").header("X-B", "2").header("x-a", "3")
                .setHeader("X-A", "9").removeHeader("X-B").body("text/plain", new byte[] {1, 2})
                .build();
        assertThat(r.headers().values("X-A")).containsExactly("9");
        assertThat(r.headers().contains("X-B")).isFalse();
        assertThat(r.contentLength()).isEqualTo(2);
        assertThat(r.contentType()).contains("text/plain");
    }

    @Test
    void typedAccessorsOnBuiltMessagesReportMissingHeaders() {
        SipRequest r = SipRequest.builder("OPTIONS", SipUri.of(null, "h", -1)).build();
        assertThatThrownBy(r::from).isInstanceOf(InvalidHeaderException.class).hasMessage("missing From header");
        assertThat(r.contacts()).isEmpty();
        assertThat(r.maxForwards()).isEmpty();
        assertThat(r.expires()).isEmpty();
    }

    @Test
    void contactWildcardAndParams() {
        assertThat(Contact.parseAll(List.of("*"))).containsExactly(Contact.WILDCARD);
        assertThatThrownBy(() -> Contact.parseAll(List.of("*", "<sip:a@b>"))).hasMessageContaining("only Contact");
        Contact c = Contact.parseAll(List.of("<sip:a@b>;q=0.7;expires=99999999999")).get(0);
        assertThat(c.q()).hasValue(0.7);
        assertThat(c.expires()).hasValue(Integer.MAX_VALUE);
    }

    @Test
    void viaRport() {
        Via v = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKx");
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEmpty();
        Via stamped = v.withReceived("198.51.100.1").withRport(4000);
        assertThat(stamped.toString()).isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;rport=4000;branch=z9hG4bKx;received=198.51.100.1");
        assertThat(stamped.sentBy()).isEqualTo("10.0.0.1:5060");
        assertThat(Via.parse("SIP/2.0/TLS [2001:db8::1]:5061").host()).isEqualTo("[2001:db8::1]");
    }
}
