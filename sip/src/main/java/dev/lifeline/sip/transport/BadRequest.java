package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.Headers;
import dev.lifeline.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the 400 for a request the parser rejected (RFC 3261 §8.2.1, §21.4.1), from whatever
 * headers it could read. The defect goes in the reason phrase and a Warning 399 so the sender's
 * logs say what to fix. The draft is parsed back: when the copied Via, From, To, Call-ID or CSeq
 * were themselves the defect, no 400 results and the request is dropped.
 */
final class BadRequest {

    private static final List<String> REQUIRED = List.of("Via", "From", "To", "Call-ID", "CSeq");
    private static final int MAX_DEFECT_CHARS = 120;

    private BadRequest() {
    }

    static Optional<SipResponse> answer(ParseResult.Invalid invalid, SipParser parser) {
        Headers headers = invalid.partialHeaders();
        if (isAck(invalid.startLine()) || !REQUIRED.stream().allMatch(headers::contains)) {
            return Optional.empty(); // no response to ACK (RFC 3261 §17.2.1), and none without routing headers
        }
        byte[] draft = draft(headers, defect(invalid.reason()));
        if (parser.parse(draft, 0, draft.length) instanceof ParseResult.Ok ok
                && ok.message() instanceof SipResponse response) {
            return Optional.of(response);
        }
        return Optional.empty();
    }

    private static byte[] draft(Headers headers, String defect) {
        StringBuilder out = new StringBuilder(512);
        out.append("SIP/2.0 400 Bad Request - ").append(defect).append("\r\n");
        for (String via : headers.values("Via")) {
            line(out, "Via", via);
        }
        line(out, "From", headers.first("From").orElseThrow());
        line(out, "To", withTag(headers));
        line(out, "Call-ID", headers.first("Call-ID").orElseThrow());
        line(out, "CSeq", headers.first("CSeq").orElseThrow());
        line(out, "Warning", "399 lifeline \"" + defect.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        line(out, "Content-Length", "0");
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A stateless 400 still needs a To tag (§8.2.6.2). Derived from the request so that
     * retransmissions get the same tag without this layer keeping state.
     */
    private static String withTag(Headers headers) {
        String to = headers.first("To").orElseThrow();
        if (to.toLowerCase(Locale.ROOT).contains(";tag=")) {
            return to;
        }
        int hash = (headers.first("Call-ID").orElseThrow() + '|' + headers.first("CSeq").orElseThrow()
                + '|' + headers.first("From").orElseThrow()).hashCode();
        return to + ";tag=lf" + Integer.toHexString(hash);
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append("\r\n");
    }

    /** The parser's reason made safe for a reason phrase: printable ASCII only, bounded length. */
    static String defect(String reason) {
        StringBuilder clean = new StringBuilder(Math.min(reason.length(), MAX_DEFECT_CHARS));
        for (int i = 0; i < reason.length() && clean.length() < MAX_DEFECT_CHARS; i++) {
            char c = reason.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        String text = clean.toString().strip();
        return text.isEmpty() ? "malformed request" : text;
    }

    private static boolean isAck(String startLine) {
        return startLine != null && startLine.startsWith("ACK ");
    }

    static boolean isResponseLine(String startLine) {
        return startLine.startsWith("SIP/");
    }

    /** A request line names a SIP version at its end; anything else is not SIP. */
    static boolean looksLikeSip(String startLine) {
        return isResponseLine(startLine) || startLine.contains(" SIP/");
    }
}
