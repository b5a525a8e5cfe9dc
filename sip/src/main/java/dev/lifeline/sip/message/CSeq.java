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

    @Override
    public String toString() {
        return number + " " + method;
    }
}
