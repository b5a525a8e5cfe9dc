package dev.lifeline.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestClassesTest {

    private final RequestClasses classes = new RequestClasses(List.of("911", "112"));

    static SipRequest request(String method, String uri, String toTag, String extra) {
        String text = method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:1001@site>;tag=a\r\n"
                + "To: <" + uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: c1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n" + extra + "Content-Length: 0\r\n\r\n";
        ParseResult r = new SipParser().parse(text.getBytes(StandardCharsets.US_ASCII));
        if (r instanceof ParseResult.Invalid bad) {
            throw new AssertionError(uri + ": " + bad.reason());
        }
        return (SipRequest) ((ParseResult.Ok) r).message();
    }

    @Test
    void emergencyNumbersWithAndWithoutAnOutsideLinePrefix() {
        for (String uri : List.of("sip:911@site", "sip:9911@site", "sip:112@site", "sip:0112@site", "tel:911;phone-context=+1",
                "sip:911;phone-context=site@site", "urn:service:sos.police")) {
            assertThat(classes.classify(request("INVITE", uri, null, ""))).as(uri).isEqualTo(Priority.EMERGENCY);
        }
        for (String uri : List.of("sip:19115@site", "sip:5551911@site", "sip:15551234567@site", "sip:alice911@site")) {
            assertThat(classes.classify(request("INVITE", uri, null, ""))).as(uri).isEqualTo(Priority.NEW_CALL);
        }
    }

    @Test
    void otherClasses() {
        assertThat(classes.classify(request("BYE", "sip:1001@site", "x", ""))).isEqualTo(Priority.IN_DIALOG);
        assertThat(classes.classify(request("INVITE", "sip:1002@site", "x", ""))).isEqualTo(Priority.IN_DIALOG);
        assertThat(classes.classify(request("CANCEL", "sip:1002@site", null, ""))).isEqualTo(Priority.IN_DIALOG);
        assertThat(classes.classify(request("REGISTER", "sip:site", null, ""))).isEqualTo(Priority.NEW_REGISTER);
        assertThat(classes.classify(request("REGISTER", "sip:site", null,
                "Authorization: Digest username=\"1001\", realm=\"site\", nonce=\"n\", uri=\"sip:site\", response=\"r\"\r\n")))
                .isEqualTo(Priority.REGISTER_WITH_CREDENTIALS);
        assertThat(classes.classify(request("OPTIONS", "sip:site", null, ""))).isEqualTo(Priority.OTHER);
    }

    private boolean onArrival(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return classes.isEmergencyRequestLine(b, b.length);
    }

    @Test
    void anEmergencyInviteIsRecognisedFromItsRequestLineBeforeParsing() {
        assertThat(onArrival("INVITE sip:911@site SIP/2.0\r\nVia: x\r\n")).isTrue();
        assertThat(onArrival("INVITE sip:9911@site;user=phone SIP/2.0\r\n")).isTrue();
        assertThat(onArrival("INVITE urn:service:sos SIP/2.0\r\n")).isTrue();
        assertThat(onArrival("INVITE sip:15551234567@site SIP/2.0\r\n")).isFalse();
        assertThat(onArrival("REGISTER sip:911@site SIP/2.0\r\n")).isFalse();
        assertThat(onArrival("SIP/2.0 200 OK\r\n")).isFalse();
        // Junk gets no priority and no exception: the parser answers it properly later.
        assertThat(onArrival("INVITE \u00ff\u00fe:::@ SIP/2.0\r\n")).isFalse();
        assertThat(onArrival("INVITE sip:911@site")).isFalse();
        assertThat(onArrival("INVITE " + "9".repeat(600) + " SIP/2.0\r\n")).isFalse();
    }
}