package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.uri.AbsoluteUri;
import dev.lifeline.sip.uri.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** RFC 4475 torture messages: each valid one parses with sensible values, each invalid one names its defect. */
class Rfc4475Test {

    private final SipParser parser = new SipParser();

    private SipMessage ok(String name) {
        ParseResult r = parser.parse(Corpus.rfc4475(name));
        assertThat(r).as(name + ": " + r).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok) r).message();
    }

    private static SipUri sip(NameAddress a) {
        return (SipUri) a.uri();
    }

    @ParameterizedTest
    @FieldSource("dev.lifeline.sip.codec.Corpus#VALID")
    void validMessagesParse(String name) {
        SipMessage m = ok(name);
        assertThat(m.vias()).isNotEmpty();
        assertThat(m.callId()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            badinv01   | Via: empty parameter
            clerr      | Content-Length 9999 is larger than the 154 bytes of body received
            ncl        | Content-Length is negative
            scalar02   | CSeq: sequence number exceeds 2^31-1
            scalarlg   | CSeq: sequence number exceeds 2^31-1
            quotbal    | To: unterminated quoted string
            ltgtruri   | Request-URI must not be enclosed in <>
            lwsruri    | Request-URI contains whitespace
            lwsstart   | Request-Line elements must be separated by a single SP
            trws       | Request-Line has trailing whitespace
            escruri    | Request-URI must not contain escaped headers
            baddate    | Date: time zone must be GMT
            regbadct   | Contact: a URI with headers ('?') must be enclosed in <>
            badaspec   | To: whitespace inside <>
            baddn      | From: display name contains characters that are not tokens
            badvers    | unsupported SIP version SIP/7.0
            mismatch01 | CSeq: method INVITE does not match the request method OPTIONS
            mismatch02 | CSeq: method INVITE does not match the request method NEWMETHOD
            bigcode    | status code must be 3 digits
            insuf      | missing required header fields: From, To, Call-ID
            multi01    | multiple values in single-value header fields: From, To, Call-ID, CSeq, Max-Forwards
            mcl01      | multiple Content-Length header fields
            """)
    void invalidMessagesNameTheirDefect(String name, String reason) {
        ParseResult r = parser.parse(Corpus.rfc4475(name));
        assertThat(r).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) r).reason()).contains(reason);
    }

    @Test
    void everyInvalidCaseIsCovered() {
        ParseResult r;
        for (String name : Corpus.INVALID) {
            r = parser.parse(Corpus.rfc4475(name));
            assertThat(r).as(name).isInstanceOf(ParseResult.Invalid.class);
        }
    }

    @Test
    void invalidKeepsWhatIsNeededForA400() {
        var r = (ParseResult.Invalid) parser.parse(Corpus.rfc4475("scalar02"));
        assertThat(r.startLine()).isEqualTo("REGISTER sip:example.com SIP/2.0");
        assertThat(r.callId()).contains("scalar02.23o0pd9vanlq3wnrlnewofjas9ui32");
        assertThat(r.partialHeaders().first("Via")).contains("SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3");
        var quotbal = (ParseResult.Invalid) parser.parse(Corpus.rfc4475("quotbal"));
        assertThat(quotbal.partialHeaders().size()).isEqualTo(9);
    }

    @ParameterizedTest
    @FieldSource("dev.lifeline.sip.codec.Corpus#SEMANTIC_OK")
    void semanticCasesAreSyntacticallyValid(String name) {
        ok(name);
    }

    @Test
    void wsinv() {
        SipRequest m = (SipRequest) ok("wsinv");
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(((SipUri) m.requestUri()).params().has("unknownparam")).isTrue();
        assertThat(m.to().tag()).contains("1918181833n");
        assertThat(sip(m.to()).user()).isEqualTo("vivekg");
        assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(m.from().tag()).contains("98asjd8");
        assertThat(m.maxForwards()).hasValue(68);
        assertThat(m.cseq().number()).isEqualTo(9);
        assertThat(m.cseq().method()).isEqualTo("INVITE");
        assertThat(m.vias()).extracting(Via::transport, Via::host, v -> v.branch().orElseThrow()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UDP", "192.0.2.2", "390skdjuw"),
                org.assertj.core.groups.Tuple.tuple("TCP", "spindle.example.com", "z9hG4bK9ikj8"),
                org.assertj.core.groups.Tuple.tuple("UDP", "192.168.255.111", "z9hG4bK30239"));
        assertThat(m.headers().first("Subject")).contains("");
        assertThat(m.headers().first("newfangledheader")).contains("newfangled value continued newfangled value");
        Contact c = m.contacts().get(0);
        assertThat(c.address().displayName()).isEqualTo("Quoted string \"\"");
        assertThat(c.q()).hasValue(0.33);
        assertThat(c.address().param("newparam")).contains("newvalue");
        assertThat(c.address().params().has("secondparam")).isTrue();
        assertThat(((SipUri) m.routes().get(0).uri()).lr()).isTrue();
        assertThat(m.contentLength()).isEqualTo(150);
        assertThat(m.body()).hasSize(150);
        assertThat(m.contentType()).contains("application/sdp");
    }

    @Test
    void intmeth() {
        SipRequest m = (SipRequest) ok("intmeth");
        assertThat(m.method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(ruri.password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(m.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(m.from().tag()).contains("_token~1'+`*%!-.");
        assertThat(m.from().param("fromParam''~+*_!.-%")).contains("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\"");
        assertThat(m.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(m.cseq().number()).isEqualTo(139122385);
        assertThat(m.maxForwards()).hasValue(255);
        assertThat(m.headers().first("extensionHeader-!.%*+_`'~")).contains("\uFEFF\u5927\u505C\u96FB");
    }

    @Test
    void esc01() {
        SipRequest m = (SipRequest) ok("esc01");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("sips:user@example.com");
        assertThat(ruri.rawUser()).isEqualTo("sips%3Auser%40example.com");
        assertThat(sip(m.to()).user()).isEqualTo("user");
        assertThat(sip(m.from()).user()).isEqualTo("I have spaces");
        assertThat(m.contentType()).contains("application/sdp");
        SipUri contact = (SipUri) m.contacts().get(0).uri();
        assertThat(contact.user()).isEqualTo("caller");
        assertThat(contact.lr()).isTrue();
        assertThat(contact.param("name")).contains("value%41");
    }

    @Test
    void escnull() {
        SipMessage m = ok("escnull");
        assertThat(sip(m.to()).user()).isEqualTo("null-\u0000-null");
        assertThat(m.contacts()).extracting(c -> ((SipUri) c.uri()).user()).containsExactly("\u0000", "\u0000\u0000");
    }

    @Test
    void esc02() {
        SipRequest m = (SipRequest) ok("esc02");
        assertThat(m.method()).isEqualTo("RE%47IST%45R");
        assertThat(m.cseq().method()).isEqualTo("RE%47IST%45R");
        assertThat(m.from().displayName()).isEqualTo("%Z%45");
        assertThat(m.topVia().branch()).contains("z9hG4bK209%fzsnel234");
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.headers().first("C%6Fntact")).contains("<sip:alias2@host2.example.com>");
    }

    @Test
    void lwsdisp() {
        assertThat(ok("lwsdisp").from().displayName()).isEqualTo("caller");
    }

    @Test
    void longreq() {
        SipMessage m = ok("longreq");
        assertThat(m.vias()).hasSize(34);
        assertThat(m.vias().get(33).received()).contains("192.0.2.5");
        assertThat(m.to().displayName()).startsWith("I have a user name of extreme");
        assertThat(m.from().tag().orElseThrow()).hasSize(155);
        assertThat(((SipUri) m.to().uri()).port()).isEqualTo(6000);
    }

    @Test
    void dblreqParsesTheFirstMessageOnly() {
        byte[] data = Corpus.rfc4475("dblreq");
        var r = (ParseResult.Ok) parser.parse(data);
        SipRequest m = (SipRequest) r.message();
        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.body()).isEmpty();
        assertThat(r.consumed()).isLessThan(data.length);
        assertThat(m.toBytes()).hasSize(r.consumed());
        assertThat(new String(m.toBytes(), StandardCharsets.US_ASCII)).endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void semiuri() {
        SipRequest m = (SipRequest) ok("semiuri");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("user;par=u@example.net");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(ruri.params().isEmpty()).isTrue();
        assertThat(m.headers().splitValues("Accept")).hasSize(6).contains("message/sipfrag");
    }

    @Test
    void transports() {
        assertThat(ok("transports").vias()).extracting(Via::transport)
                .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
    }

    @Test
    void mpart01() {
        SipMessage m = ok("mpart01");
        assertThat(m.body()).hasSize(553);
        assertThat(m.contentType()).contains("multipart/mixed;boundary=7a9cbec02ceef655");
        assertThat(m.userAgent()).contains("SIPimp.org/0.2.5 (curses)");
    }

    @Test
    void unreasonAndNoreason() {
        SipResponse u = (SipResponse) ok("unreason");
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.reason()).startsWith("= 2**3 * 5**2 \u043d\u043e").endsWith("\u043f\u0440\u043e\u0441\u0442\u043e\u0435");
        SipResponse n = (SipResponse) ok("noreason");
        assertThat(n.status()).isEqualTo(100);
        assertThat(n.reason()).isEmpty();
    }

    @Test
    void semanticCasesHaveSensibleValues() {
        assertThat(ok("badbranch").topVia().hasRfc3261Branch()).isFalse();
        assertThat(((SipRequest) ok("unkscm")).requestUri()).isEqualTo(new AbsoluteUri("nobodyknowsthisscheme", "totallyopaquecontent"));
        assertThat(((SipRequest) ok("novelsc")).requestUri().scheme()).isEqualTo("soap.beep");
        SipMessage unksm2 = ok("unksm2");
        assertThat(unksm2.to().uri()).isEqualTo(new AbsoluteUri("isbn", "2983792873"));
        assertThat(unksm2.from().uri().scheme()).isEqualTo("http");
        assertThat(unksm2.contacts().get(0).uri().toString()).isEqualTo("name:John_Smith");
        assertThat(ok("bext01").require()).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
        assertThat(ok("invut").contentType()).contains("application/unknownformat");
        assertThat(ok("regaut01").authorization().get(0).scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(ok("bcast").vias().get(1).host()).isEqualTo("255.255.255.255");
        assertThat(ok("zeromf").maxForwards()).hasValue(0);
        Contact cp1 = ok("cparam01").contacts().get(0);
        assertThat(cp1.address().params().has("unknownparam")).isTrue();
        assertThat(((SipUri) cp1.uri()).params().isEmpty()).isTrue();
        Contact cp2 = ok("cparam02").contacts().get(0);
        assertThat(cp2.address().params().isEmpty()).isTrue();
        assertThat(((SipUri) cp2.uri()).params().has("unknownparam")).isTrue();
        assertThat(((SipUri) ok("regescrt").contacts().get(0).uri()).headers().get("Route")).contains("<sip:sip.example.com>");
        SipMessage inv2543 = ok("inv2543");
        assertThat(inv2543.topVia().branch()).isEmpty();
        assertThat(inv2543.maxForwards()).isEmpty();
        assertThat(inv2543.contentLength()).isEqualTo(inv2543.body().length).isEqualTo(105);
        assertThat(((SipUri) inv2543.recordRoutes().get(0).uri()).maddr()).contains("ss1.example.com");
        assertThat(ok("sdp01").headers().first("Accept")).contains("text/nobodyKnowsThis");
    }

    @Test
    void typedValuesOfSamples() {
        SipMessage reg = parseSample("register-auth-yealink");
        assertThat(reg.authorization().get(0).param("response")).contains("8e0f3c2b1a9d8c7b6a5f4e3d2c1b0a99");
        assertThat(reg.contacts().get(0).expires()).hasValue(3600);
        assertThat(reg.contacts().get(0).address().param("+sip.instance")).contains("\"<urn:uuid:00000000-0000-1000-8000-805EC0A1B2C3>\"");
        assertThat(reg.topVia().hasRport()).isTrue();
        assertThat(reg.topVia().rport()).isEmpty();
        assertThat(reg.expires()).hasValue(3600);
        assertThat(reg.supported()).containsExactly("outbound", "path", "gruu");
        assertThat(reg.userAgent()).contains("Yealink SIP-T46S 66.86.0.15");
        SipMessage inv = parseSample("invite-sdp-record-route");
        assertThat(inv.recordRoutes()).hasSize(1);
        assertThat(inv.routes()).hasSize(1);
        assertThat(inv.vias().get(1).rport()).hasValue(5060);
        assertThat(((dev.lifeline.sip.uri.SipUri) ((SipRequest) inv).requestUri()).param("user")).contains("phone");
        SipMessage ok = parseSample("ok-invite");
        assertThat(ok.to().tag()).contains("as5f1c02e1");
        assertThat(ok.recordRoutes()).hasSize(2);
        SipMessage challenge = parseSample("unauthorized-401");
        assertThat(challenge.wwwAuthenticate()).extracting(a -> a.param("algorithm").orElseThrow())
                .containsExactly("SHA-256", "MD5");
    }

    private SipMessage parseSample(String name) {
        ParseResult r = parser.parse(Corpus.sample(name));
        assertThat(r).as(name).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok) r).message();
    }

    static List<String> names() {
        return Corpus.VALID;
    }
}
