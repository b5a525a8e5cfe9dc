package dev.lifeline.sip.stack;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;

/** Messages written as readable text in tests (LF line ends turned into CRLF). */
final class Wire {

    private Wire() {
    }

    @SuppressWarnings("unchecked")
    static <M extends SipMessage> M parse(String text) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult result = new SipParser().parse(bytes, 0, bytes.length);
        if (result instanceof ParseResult.Ok ok) {
            return (M) ok.message();
        }
        throw new IllegalArgumentException("does not parse: " + result);
    }
}
