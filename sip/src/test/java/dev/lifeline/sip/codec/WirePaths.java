package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.HeaderField;
import dev.lifeline.sip.message.Headers;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.RequiredHeaders;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The check that the parser's shortcuts change nothing: a parsed message reads its typed headers
 * (Via, From, To, Contact, Route, CSeq, Call-ID, Max-Forwards) straight from the wire bytes and
 * copies wire bytes into the responses built from it. The same message rebuilt from its decoded
 * header text (no wire bytes, so every header takes the text path) must pass the same checks,
 * give equal typed values printing the same, and answer with the same bytes.
 */
final class WirePaths {

    private WirePaths() {
    }

    static void assertSameAsTextPath(SipMessage m) {
        SipMessage text = textOnly(m);
        assertThat(RequiredHeaders.defect(text)).as("text path defect").isEmpty();
        assertThat(TypedView.of(text)).isEqualTo(TypedView.of(m));
        assertThat(printed(text)).isEqualTo(printed(m));
        if (m instanceof SipRequest req && text instanceof SipRequest textReq) {
            SipResponse wireResp = SipResponse.forRequest(req, 200, "OK").toTag("t1").build();
            SipResponse textResp = SipResponse.forRequest(textReq, 200, "OK").toTag("t1").build();
            assertThat(wireResp.toBytes()).isEqualTo(textResp.toBytes());
            assertThat(wireResp.headers().all()).isEqualTo(textResp.headers().all());
            assertThat(wireResp.to().toString()).isEqualTo(textResp.to().toString());
        }
    }

    /** The message with plain text header fields: no wire bytes for a typed parse or a copy to use. */
    static SipMessage textOnly(SipMessage m) {
        List<HeaderField> fields = new ArrayList<>();
        for (HeaderField f : m.headers().all()) {
            fields.add(new HeaderField(f.name(), f.value()));
        }
        Headers h = Headers.of(fields);
        byte[] wire = m.toBytes();
        return switch (m) {
            case SipRequest r -> SipRequest.fromWire(r.startLine(), r.method(), r.requestUri(), h, r.body(), wire);
            case SipResponse r -> SipResponse.fromWire(r.startLine(), r.status(), r.reason(), h, r.body(), wire);
        };
    }

    /** The typed values as text, exactly (equals on URIs and parameters is looser, per RFC 3261 §19.1.4). */
    static List<String> printed(SipMessage m) {
        List<String> out = new ArrayList<>();
        m.vias().forEach(v -> out.add("via " + v + " " + v.transport() + " " + v.host() + " " + v.port()));
        for (NameAddress a : List.of(m.from(), m.to())) {
            out.add(addr(a));
        }
        m.contacts().forEach(c -> out.add(c.wildcard() ? "*" : addr(c.address())));
        m.routes().forEach(a -> out.add(addr(a)));
        m.recordRoutes().forEach(a -> out.add(addr(a)));
        out.add(m.callId() + " " + m.cseq() + " " + m.maxForwards());
        if (m instanceof SipRequest r) {
            out.add(r.method() + " " + r.requestUri() + " " + r.requestUri().getClass().getSimpleName());
        }
        return out;
    }

    private static String addr(NameAddress a) {
        StringBuilder sb = new StringBuilder().append(a).append(" [").append(a.displayName()).append("] ")
                .append(a.uri()).append(' ').append(a.uri().getClass().getSimpleName());
        for (int i = 0; i < a.params().size(); i++) {
            sb.append(" ;").append(a.params().name(i)).append('=').append(a.params().value(i));
        }
        return sb.toString();
    }
}
