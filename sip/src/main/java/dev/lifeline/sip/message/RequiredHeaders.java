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

    /** The headers counted: SINGLE and REQUIRED together; KNOWN_IDS[k] is the id of KNOWN[k]. */
    private static final String[] KNOWN = {
        HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
        HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE,
    };
    private static final int[] KNOWN_IDS = new int[KNOWN.length];
    /** Per header name id (+1, so that UNKNOWN_ID is index 0), its slot in KNOWN, or -1. */
    private static final byte[] SLOT_BY_ID = new byte[Byte.MAX_VALUE + 2];

    static {
        java.util.Arrays.fill(SLOT_BY_ID, (byte) -1);
        for (int k = 0; k < KNOWN.length; k++) {
            KNOWN_IDS[k] = HeaderNames.id(KNOWN[k]);
            SLOT_BY_ID[KNOWN_IDS[k] + 1] = (byte) k;
        }
    }

    private RequiredHeaders() {
    }

    /** The first defect found, or empty when the message is safe to process. */
    public static Optional<String> defect(SipMessage m) {
        int[] counts = counts(m.headers());
        String missing = missing(m.headers(), counts);
        if (missing != null) {
            return Optional.of(missing);
        }
        String repeated = repeated(m.headers(), counts);
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

    /** Per header of interest, its number of field lines, counted in one pass over the name ids. */
    private static int[] counts(Headers h) {
        int[] n = new int[KNOWN_IDS.length];
        for (int i = 0; i < h.size(); i++) {
            int slot = SLOT_BY_ID[h.nameId(i) + 1];
            if (slot >= 0) {
                n[slot]++;
            }
        }
        return n;
    }

    private static String missing(Headers h, int[] counts) {
        List<String> absent = null;
        for (String name : REQUIRED) {
            if (counts[slot(name)] == 0) {
                if (absent == null) {
                    absent = new ArrayList<>(5);
                }
                absent.add(name);
            }
        }
        return absent == null ? null : "missing required header fields: " + String.join(", ", absent);
    }

    private static String repeated(Headers h, int[] counts) {
        List<String> names = null;
        for (String name : SINGLE) {
            if (counts[slot(name)] > 1) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(name);
            }
        }
        return names == null ? null : "multiple values in single-value header fields: " + String.join(", ", names);
    }

    private static int slot(String name) {
        for (int k = 0; k < KNOWN.length; k++) {
            if (KNOWN[k] == name) {
                return k;
            }
        }
        throw new AssertionError(name);
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
        String date = m.headers().firstOrNull(HeaderNames.DATE_ID);
        if (date != null) {
            HeaderValues.date(date);
        }
    }
}
