package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Ascii;
import dev.lifeline.sip.uri.InvalidUriException;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;

/**
 * {@link Cursor}'s lexical rules over a header value still in the received bytes, for the typed
 * headers every message is checked for (Via, From, To, Contact, Route, CSeq…). It reads only
 * ASCII values ({@link #over} says no otherwise) and handles the common forms; on anything else
 * (a quoted-pair, an IPv6 host, any defect) it gives up with {@link Bail}, and the caller parses
 * the decoded text with {@link Cursor}, which gives the exact result or the exact reason. So
 * this is a shortcut with the same outcome, never a second grammar: each method mirrors the
 * Cursor method of the same name.
 */
final class WireCursor {

    /** Thrown to give up; carries no stack trace (a fast-path miss is not an error). */
    static final class Bail extends RuntimeException {
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super("not on the fast path", null, false, false);
        }
    }

    private final byte[] b;
    private final int end;
    int pos;

    private WireCursor(byte[] b, int from, int to) {
        this.b = b;
        this.pos = from;
        this.end = to;
    }

    /**
     * A cursor over {@code b[from, to)}, or null when those bytes are not all ASCII ({@code knownAscii}
     * when the decoder already knows they are).
     */
    static WireCursor over(byte[] b, int from, int to, boolean knownAscii) {
        return knownAscii || Ascii.isAscii(b, from, to) ? new WireCursor(b, from, to) : null;
    }

    static Bail bail() {
        return Bail.INSTANCE;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The current char, or 0 at the end (as Cursor.peek). */
    char peek() {
        return pos < end ? (char) b[pos] : 0;
    }

    char at(int i) {
        return (char) b[i];
    }

    int end() {
        return end;
    }

    String string(int from, int to) {
        return Ascii.string(b, from, to);
    }

    /**
     * The URI written at {@code [from, to)}: sip/sips read from the bytes, other schemes parsed as
     * text (exactly as the String path does); a URI that does not parse bails.
     */
    Uri uri(int from, int to) {
        SipUri u = SipUri.parseAsciiOrNull(b, from, to, true); // a WireCursor only reads ASCII
        if (u != null) {
            return u;
        }
        try {
            return Uri.parse(string(from, to));
        } catch (InvalidUriException e) {
            throw bail();
        }
    }

    /** The first index of c at or after from, or -1. */
    int indexOf(char c, int from) {
        return Ascii.indexOf(b, from, end, (byte) c);
    }

    void skipWs() {
        while (pos < end && Cursor.isWs((char) b[pos])) {
            pos++;
        }
    }

    boolean skipLws() {
        int start = pos;
        skipWs();
        return pos > start;
    }

    boolean accept(char c) {
        int save = pos;
        skipWs();
        if (peek() == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    void expect(char c) {
        if (!accept(c)) {
            throw bail();
        }
    }

    int skipToken() {
        int start = pos;
        while (pos < end && TokenChars.isTokenByte(b[pos])) {
            pos++;
        }
        if (pos == start) {
            throw bail();
        }
        return start;
    }

    /** True when the text from start to the cursor is exactly word (ASCII case folded when asked). */
    boolean matches(int start, String word, boolean ignoreCase) {
        if (pos - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = (char) b[start + i];
            char w = word.charAt(i);
            if (c != w && !(ignoreCase && isLetter(w) && (c | 0x20) == (w | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A quoted-string without quoted-pairs, unquoted; anything else bails. */
    String quotedString() {
        int close = closingQuote();
        String s = string(pos + 1, close);
        pos = close + 1;
        return s;
    }

    /** A quoted-string without quoted-pairs, with its quotes; anything else bails. */
    String quotedStringRaw() {
        int close = closingQuote();
        String s = string(pos, close + 1);
        pos = close + 1;
        return s;
    }

    /** The closing quote of the quoted-string at pos when no backslash comes before it. */
    private int closingQuote() {
        int i = Ascii.indexOfEither(b, pos + 1, end, (byte) '"', (byte) '\\');
        if (i < 0 || b[i] == '\\') {
            throw bail();
        }
        return i;
    }

    /** As Cursor.params. */
    Parameters params() {
        Parameters.Collector params = null;
        while (accept(';')) {
            char next = peek();
            if (next == ';' || next == ',' || next == 0) {
                throw bail();
            }
            int nameStart = skipToken();
            String name = Parameters.name(b, nameStart, pos);
            String value = null;
            if (accept('=')) {
                value = peek() == '"' ? quotedStringRaw() : genValue();
            }
            if (params == null) {
                params = new Parameters.Collector();
            }
            params.add(name, value);
        }
        return params == null ? Parameters.EMPTY : params.build();
    }

    /** token characters plus ':', '[' and ']' (a gen-value: token or host), as masks for 0-63 and 64-127. */
    private static final long GEN_LOW;
    private static final long GEN_HIGH;

    static {
        long low = 0;
        long high = 0;
        for (char c = 0; c < 128; c++) {
            if (TokenChars.isTokenChar(c) || c == ':' || c == '[' || c == ']') {
                if (c < 64) {
                    low |= 1L << c;
                } else {
                    high |= 1L << (c - 64);
                }
            }
        }
        GEN_LOW = low;
        GEN_HIGH = high;
    }

    private String genValue() {
        int start = pos;
        while (pos < end) {
            byte c = b[pos]; // ASCII: never negative here
            if (!(c < 64 ? (GEN_LOW >>> c & 1) != 0 : (GEN_HIGH >>> (c - 64) & 1) != 0)) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw bail();
        }
        return string(start, pos);
    }

    /** An unsigned decimal of at most max; no digits, or more than max, bails. */
    long number(long max) {
        int start = pos;
        long v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (v <= max) {
                v = v * 10 + (b[pos] - '0');
            }
            pos++;
        }
        if (pos == start || v > max) {
            throw bail();
        }
        return v;
    }
}
