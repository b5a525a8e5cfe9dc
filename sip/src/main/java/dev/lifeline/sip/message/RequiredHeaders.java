package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.InvalidUriException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks that make a parsed message safe for a registrar or proxy: the headers every message
 * needs (RFC 3261 §8.1.1) are present once and well-formed, Contact, Route, Record-Route and Date
 * parse, and CSeq agrees with the request method (RFC 4475 §3.1.2.17). Running them fills the
 * message's typed caches, so the later accessors cost nothing.
 */
public final class RequiredHeaders {

    /** Headers that carry one value; several lines of them make the message ambiguous (RFC 4475 §3.3.8). */
    private static final String[] SINGLE = {
        HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.MAX_FORWARDS,
        HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE,
    };
    private static final String[] REQUIRED = {
        HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    };

    private RequiredHeaders() {
    }

    /** The first defect found, or empty when the message is safe to process. */
    public static Optional<String> defect(SipMessage m) {
        String missing = missing(m.headers());
        if (missing != null) {
            return Optional.of(missing);
        }
        String repeated = repeated(m.headers());
        if (repeated != null) {
            return Optional.of(repeated);
        }
        try {
            check(m);
            return Optional.empty();
        } catch (InvalidHeaderException | InvalidUriException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String missing(Headers h) {
        List<String> absent = new ArrayList<>(0);
        for (String name : REQUIRED) {
            if (h.firstOrNull(name) == null) {
                absent.add(name);
            }
        }
        return absent.isEmpty() ? null : "missing required header fields: " + String.join(", ", absent);
    }

    private static String repeated(Headers h) {
        List<String> names = null;
        for (String name : SINGLE) {
            if (h.count(name) > 1) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(name);
            }
        }
        return names == null ? null : "multiple values in single-value header fields: " + String.join(", ", names);
    }

    private static void check(SipMessage m) {
        m.vias();
        m.from();
        m.to();
        m.callId();
        CSeq cseq = m.cseq();
        if (m instanceof SipRequest r && !r.method().equals(cseq.method())) {
            throw new InvalidHeaderException("CSeq: method " + cseq.method() + " does not match the request method "
                    + r.method());
        }
        m.maxForwards();
        m.contacts();
        m.routes();
        m.recordRoutes();
        String date = m.headers().firstOrNull(HeaderNames.DATE);
        if (date != null) {
            HeaderValues.date(date);
        }
    }
}
