package dev.lifeline.sip.message;

/**
 * CSeq (RFC 3261 §20.16): a sequence number below 2^31 (§8.1.1.5) and a method.
 */
public record CSeq(long number, String method) {

    public static final long MAX = (1L << 31) - 1;

    public CSeq {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("CSeq number must be in 0.." + MAX + ": " + number);
        }
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("CSeq method is empty");
        }
    }

    /** Parses "number LWS method"; throws {@link InvalidHeaderException} naming the defect. */
    public static CSeq parse(String value) {
        Cursor c = new Cursor(value, HeaderNames.CSEQ);
        c.skipWs();
        long n = c.number(MAX, "sequence number");
        if (n > MAX) {
            throw c.error("sequence number exceeds 2^31-1");
        }
        if (!c.skipLws()) {
            throw c.error("expected whitespace between number and method");
        }
        String method = c.token("method");
        c.skipWs();
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.rest() + "'");
        }
        return new CSeq(n, method);
    }

    /** Methods handed out as shared constants when a wire value names them exactly so. */
    private static final String[] METHODS = {
        "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "SUBSCRIBE", "NOTIFY", "PRACK", "UPDATE",
        "REFER", "MESSAGE", "INFO", "PUBLISH",
    };

    /**
     * {@link #parse(String)} of a value still in the wire bytes {@code b[from, to)}, read in place;
     * null when it is not on the fast path ({@link WireCursor}): parse the text then.
     */
    static CSeq parseWire(byte[] b, int from, int to) {
        return parseWire(b, from, to, false);
    }

    /** {@link #parseWire(byte[], int, int)} of bytes the decoder may know are ASCII. */
    static CSeq parseWire(byte[] b, int from, int to, boolean knownAscii) {
        WireCursor c = WireCursor.over(b, from, to, knownAscii);
        if (c == null) {
            return null;
        }
        try {
            c.skipWs();
            long n = c.number(MAX);
            if (!c.skipLws()) {
                return null;
            }
            int start = c.skipToken();
            String method = null;
            for (String m : METHODS) {
                if (c.matches(start, m, false)) {
                    method = m;
                    break;
                }
            }
            if (method == null) {
                method = c.string(start, c.pos);
            }
            c.skipWs();
            return c.atEnd() ? new CSeq(n, method) : null;
        } catch (WireCursor.Bail e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
