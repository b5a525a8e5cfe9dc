package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse → serialize → parse keeps every typed field; unchanged messages serialize to their exact bytes. */
class RoundTripTest {

    private final SipParser parser = new SipParser();

    static IntStream okIndexes() {
        return IntStream.range(0, Corpus.allOk().size());
    }

    private SipMessage parse(byte[] data) {
        ParseResult r = parser.parse(data);
        assertThat(r).as(() -> r.toString()).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok) r).message();
    }

    @ParameterizedTest
    @MethodSource("okIndexes")
    void unchangedMessageSerializesToItsOriginalBytes(int i) {
        byte[] data = Corpus.allOk().get(i);
        var ok = (ParseResult.Ok) parser.parse(data);
        assertThat(ok.message().toBytes()).isEqualTo(Arrays.copyOf(data, ok.consumed()));
        SipMessage again = parse(ok.message().toBytes());
        assertThat(TypedView.of(again)).isEqualTo(TypedView.of(ok.message()));
        assertThat(again.headers()).isEqualTo(ok.message().headers());
    }

    @ParameterizedTest
    @MethodSource("okIndexes")
    void rebuiltMessageSerializesCanonicallyAndParsesToTheSameFields(int i) {
        SipMessage original = parse(Corpus.allOk().get(i));
        SipMessage rebuilt = original.toBuilder().build();
        byte[] bytes = rebuilt.toBytes();
        SipMessage again = parse(bytes);
        TypedView expected = TypedView.of(original).withContentLength(original.body().length);
        assertThat(TypedView.of(again)).isEqualTo(expected);
        assertThat(again.toBytes()).isEqualTo(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith(original.startLine() + "\r\n").contains("\r\nContent-Length: " + original.body().length + "\r\n");
    }

    @Test
    void builtRequestRoundTrips() {
        SipUri registrar = SipUri.of(null, "pbx.example.com", -1);
        SipRequest req = SipRequest.builder("REGISTER", registrar)
                .pushVia(Via.of("UDP", "192.168.1.50", 5060, "z9hG4bK-1").withParam("rport", null))
                .maxForwards(70)
                .from(new NameAddress("Front Desk \"1\"", SipUri.of("201", "pbx.example.com", -1), null).withTag("abc"))
                .to(NameAddress.of(SipUri.of("201", "pbx.example.com", -1)))
                .callId("c1@192.168.1.50")
                .cseq(new CSeq(1, "REGISTER"))
                .contact(Contact.of(NameAddress.of(SipUri.of("201", "192.168.1.50", 5060).withParam("transport", "udp")))
                        .withExpires(600))
                .header("Authorization", "Digest username=\"201\", realm=\"x\", nonce=\"n\", uri=\"sip:x\", response=\"r\"")
                .header("User-Agent", "Lifeline test")
                .body("text/plain", "hello".getBytes(StandardCharsets.UTF_8))
                .build();
        SipRequest parsed = (SipRequest) parse(req.toBytes());
        assertThat(TypedView.of(parsed)).isEqualTo(TypedView.of(req));
        assertThat(parsed.from().displayName()).isEqualTo("Front Desk \"1\"");
        assertThat(parsed.contacts().get(0).expires()).hasValue(600);
        assertThat(parsed.topVia().hasRport()).isTrue();
        assertThat(parsed.contentLength()).isEqualTo(5);
        assertThat(parsed.authorization().get(0).param("username")).contains("201");
    }

    @Test
    void responseForRequestCopiesTheTransactionHeaders() {
        SipRequest req = (SipRequest) parse(Corpus.sample("invite-sdp-record-route"));
        SipResponse trying = SipResponse.forRequest(req, 100, "Trying").build();
        assertThat(trying.vias()).isEqualTo(req.vias());
        assertThat(trying.to().tag()).isEmpty();
        SipResponse ok = SipResponse.forRequest(req, 200, "OK").toTag("lf123")
                .header("Contact", "<sip:gw@203.0.113.7>").build();
        SipResponse parsed = (SipResponse) parse(ok.toBytes());
        assertThat(parsed.vias()).isEqualTo(req.vias());
        assertThat(parsed.from()).isEqualTo(req.from());
        assertThat(parsed.to().tag()).contains("lf123");
        assertThat(parsed.to().uri()).isEqualTo(req.to().uri());
        assertThat(parsed.callId()).isEqualTo(req.callId());
        assertThat(parsed.cseq()).isEqualTo(req.cseq());
        assertThat(parsed.contentLength()).isZero();
        assertThat(new String(ok.toBytes(), StandardCharsets.UTF_8))
                .startsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bKlifeline.4c7a1e;rport\r\n")
                .endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void hundredTryingCopiesTimestamp() {
        SipRequest req = (SipRequest) parse(Corpus.sample("invite-sdp-record-route")).toBuilder()
                .header("Timestamp", "54.2").build();
        assertThat(SipResponse.forRequest(req, 100, "Trying").build().headers().first("Timestamp")).contains("54.2");
        assertThat(SipResponse.forRequest(req, 180, "Ringing").build().headers().contains("Timestamp")).isFalse();
    }

    @Test
    void proxyEditsKeepTheRestIntact() {
        SipRequest req = (SipRequest) parse(Corpus.sample("invite-sdp-record-route"));
        Via mine = Via.of("UDP", "10.0.0.1", 5060, "z9hG4bKproxy");
        Uri next = Uri.parse("sip:+4930123456@198.51.100.20:5060");
        SipRequest fwd = req.toBuilder().pushVia(mine).maxForwards(68).requestUri(next).build();
        SipRequest parsed = (SipRequest) parse(fwd.toBytes());
        assertThat(parsed.vias()).hasSize(3).first().isEqualTo(mine);
        assertThat(parsed.maxForwards()).hasValue(68);
        assertThat(parsed.requestUri()).isEqualTo(next);
        assertThat(parsed.body()).isEqualTo(req.body());
        Via received = req.topVia().withReceived("198.51.100.9").withRport(40000);
        SipRequest stamped = req.withTopVia(received);
        assertThat(stamped.topVia().received()).contains("198.51.100.9");
        assertThat(stamped.topVia().rport()).hasValue(40000);
        assertThat(stamped.vias().get(1)).isEqualTo(req.vias().get(1));
        SipResponse resp = (SipResponse) parse(Corpus.sample("ok-invite"));
        assertThat(resp.withoutTopVia().vias()).isEqualTo(resp.vias().subList(1, 2));
    }

    @Test
    void topViaOnALineWithSeveralValues() {
        SipMessage wsinv = parse(Corpus.rfc4475("wsinv"));
        List<Via> vias = wsinv.vias();
        Via replaced = Via.of("TLS", "a.example.com", 5061, "z9hG4bKx");
        SipRequest changed = ((SipRequest) wsinv).withTopVia(replaced);
        assertThat(changed.vias()).containsExactly(replaced, vias.get(1), vias.get(2));
        SipMessage popped = changed.toBuilder().popVia().popVia().build();
        assertThat(popped.vias()).containsExactly(vias.get(2));
    }
}
