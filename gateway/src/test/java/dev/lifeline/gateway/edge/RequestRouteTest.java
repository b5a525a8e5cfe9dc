package dev.lifeline.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.codec.ParseLimits;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRouteTest {

    static SipRequest request(String method, boolean toTag) {
        String text = method + " sip:1002@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=a\r\n"
                + "To: <sip:1002@127.0.0.1>" + (toTag ? ";tag=b" : "") + "\r\n"
                + "Call-ID: c1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        ParseResult r = new SipParser(ParseLimits.DEFAULT).parse(text.getBytes(StandardCharsets.UTF_8));
        return (SipRequest) ((ParseResult.Ok) r).message();
    }

    @ParameterizedTest
    @CsvSource({
        "INVITE, false, NEW_CALL",
        "INVITE, true, IN_DIALOG",
        "BYE, true, IN_DIALOG",
        "BYE, false, NO_DIALOG",
        "UPDATE, false, NO_DIALOG",
        "ACK, true, ACK",
        "ACK, false, ACK",
        "CANCEL, false, CANCEL",
        "REGISTER, false, REGISTER",
        "OPTIONS, false, OPTIONS",
        "OPTIONS, true, IN_DIALOG",
        "MESSAGE, false, UNSUPPORTED",
        "SUBSCRIBE, false, UNSUPPORTED",
        "REFER, false, UNSUPPORTED",
    })
    void routesByMethodAndDialog(String method, boolean toTag, RequestRoute expected) {
        assertThat(RequestRoute.of(request(method, toTag))).isEqualTo(expected);
    }
}
