package dev.lifeline.sip.message;

import java.util.OptionalInt;

/**
 * Grammar checks for scalar header values: Call-ID (§25.1 callid), Max-Forwards (§20.22),
 * delta-seconds (§25.1) and Date (§20.17: an RFC 1123 date in GMT).
 */
final class HeaderValues {

    private static final String[] WKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
        "Sep", "Oct", "Nov", "Dec"};

    private HeaderValues() {
    }

    /** callid = word [ "@" word ]. */
    static String callId(String value) {
        int at = -1;
        if (value.isEmpty()) {
            throw new InvalidHeaderException("Call-ID: empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@' && at < 0) {
                at = i;
            } else if (!isWordChar(c)) {
                throw new InvalidHeaderException("Call-ID: character '" + printable(c) + "' not allowed");
            }
        }
        if (at == 0 || at == value.length() - 1) {
            throw new InvalidHeaderException("Call-ID: empty word around '@'");
        }
        return value;
    }

    /**
     * {@link #callId(String)} of a value still in the wire bytes {@code b[from, to)}; null when it
     * is not ASCII or not a valid Call-ID (the String path then gives the reason).
     */
    static String callIdWire(byte[] b, int from, int to) {
        if (from >= to || b[from] == '@' || b[to - 1] == '@') {
            return null;
        }
        boolean at = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '@' && !at) {
                at = true;
            } else if (c < 0 || !isWordChar((char) c)) {
                return null;
            }
        }
        return dev.lifeline.sip.uri.Ascii.string(b, from, to);
    }

    /** {@link #maxForwards(String)} of wire bytes {@code b[from, to)}, or -1 where that throws. */
    static int maxForwardsWire(byte[] b, int from, int to) {
        if (from >= to || to - from > 3) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255 ? v : -1;
    }

    private static boolean isWordChar(char c) {
        return Cursor.isTokenChar(c) || "()<>:\\\"/[]?{}".indexOf(c) >= 0;
    }

    /** Max-Forwards = 1*DIGIT, 0..255. */
    static int maxForwards(String value) {
        Cursor c = new Cursor(value, HeaderNames.MAX_FORWARDS);
        long v = c.number(255, "hop count");
        if (!c.atEnd()) {
            throw c.error("not a number: '" + value + "'");
        }
        if (v > 255) {
            throw c.error("value exceeds 255");
        }
        return (int) v;
    }

    /** delta-seconds, clamped to Integer.MAX_VALUE; empty when null or not digits. */
    static OptionalInt deltaSeconds(String value) {
        if (value == null || value.isEmpty()) {
            return OptionalInt.empty();
        }
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            v = Math.min(v * 10 + (c - '0'), Integer.MAX_VALUE);
        }
        return OptionalInt.of((int) v);
    }

    /** The leading delta-seconds of a value such as Retry-After "120 (busy);duration=60". */
    static OptionalInt leadingDeltaSeconds(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        int end = 0;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        return deltaSeconds(value.substring(0, end));
    }

    /** rfc1123-date = wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT". */
    static void date(String v) {
        boolean ok = v.length() == 29 && oneOf(v.substring(0, 3), WKDAYS) && v.startsWith(", ", 3)
                && digits(v, 5, 2) && v.charAt(7) == ' ' && oneOf(v.substring(8, 11), MONTHS) && v.charAt(11) == ' '
                && digits(v, 12, 4) && v.charAt(16) == ' ' && digits(v, 17, 2) && v.charAt(19) == ':'
                && digits(v, 20, 2) && v.charAt(22) == ':' && digits(v, 23, 2) && v.charAt(25) == ' ';
        if (!ok) {
            throw new InvalidHeaderException("Date: not an RFC 1123 date: '" + v + "'");
        }
        if (!v.endsWith("GMT")) {
            throw new InvalidHeaderException("Date: time zone must be GMT, not '" + v.substring(26) + "'");
        }
    }

    private static boolean oneOf(String s, String[] options) {
        for (String o : options) {
            if (o.equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static String printable(char c) {
        return c < ' ' || c == 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c);
    }
}
