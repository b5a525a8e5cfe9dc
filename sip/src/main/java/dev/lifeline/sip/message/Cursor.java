package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Parameters;

/**
 * A position in one header value, with the lexical rules of RFC 3261 §25.1 (token, quoted-string,
 * SWS around separators). Errors name the header they were found in.
 */
final class Cursor {

    private final String s;
    private final String header;
    int pos;

    Cursor(String s, String header) {
        this.s = s;
        this.header = header;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    /** The current char, or 0 at the end. */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    String text() {
        return s;
    }

    /** Skips SWS: spaces and tabs (folding was already unfolded to a space). */
    Cursor skipWs() {
        while (pos < s.length() && isWs(s.charAt(pos))) {
            pos++;
        }
        return this;
    }

    /** Skips whitespace and reports whether there was any. */
    boolean skipLws() {
        int start = pos;
        skipWs();
        return pos > start;
    }

    /** Consumes c (after optional whitespace) when it is next. */
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

    void expect(char c, String what) {
        if (!accept(c)) {
            throw error("expected " + what);
        }
    }

    /** 1*token-char. */
    String token(String what) {
        int start = skipToken(what);
        return s.substring(start, pos);
    }

    /** Moves over 1*token-char without copying it; returns where the token starts. */
    int skipToken(String what) {
        int start = pos;
        while (pos < s.length() && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(atEnd() ? what + " missing" : "expected " + what + " at '" + rest() + "'");
        }
        return start;
    }

    /** True when the text from {@code start} to the cursor is exactly {@code word}. */
    boolean matches(int start, String word, boolean ignoreCase) {
        if (pos - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (s.charAt(start + i) != word.charAt(i)) {
                // Rare: other case (or a Unicode case fold), left to regionMatches.
                return ignoreCase && s.regionMatches(true, start, word, 0, word.length());
            }
        }
        return true;
    }

    /** A quoted-string at the cursor, returned unescaped (quoted-pairs resolved). */
    String quotedString() {
        int start = pos;
        int close = s.indexOf('"', start + 1);
        if (close >= 0) {
            int backslash = s.indexOf('\\', start + 1);
            if (backslash < 0 || backslash > close) {
                pos = close + 1; // no quoted-pair: the content between the quotes as it is
                return s.substring(start + 1, close);
            }
        }
        String raw = quotedStringRaw();
        return unescape(raw, start);
    }

    /** A quoted-string at the cursor, returned as written including quotes. */
    String quotedStringRaw() {
        int start = pos;
        int close = s.indexOf('"', start + 1);
        if (close >= 0) {
            int backslash = s.indexOf('\\', start + 1);
            if (backslash < 0 || backslash > close) {
                pos = close + 1; // no quoted-pair: the closing quote is the first one
                return s.substring(start, pos);
            }
        }
        pos++; // opening quote
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    break;
                }
                char q = s.charAt(pos + 1);
                if (q == '\n' || q == '\r') {
                    throw error("bad quoted-pair in quoted string");
                }
                pos += 2;
            } else if (c == '"') {
                pos++;
                return s.substring(start, pos);
            } else {
                pos++;
            }
        }
        throw error("unterminated quoted string");
    }

    private static String unescape(String raw, int unused) {
        if (raw.indexOf('\\') < 0) {
            return raw.substring(1, raw.length() - 1);
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                c = raw.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * *( SEMI generic-param ): token [ EQUAL ( token / host / quoted-string ) ]. Quoted values are
     * kept with their quotes so the value prints back as written.
     */
    Parameters params() {
        Parameters.Collector params = null;
        while (accept(';')) {
            char next = peek();
            if (next == ';' || next == ',' || next == 0) {
                throw error("empty parameter (extraneous ';')");
            }
            int nameStart = skipToken("parameter name");
            String name = Parameters.name(s, nameStart, pos);
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

    /** token / host (IPv6 references included). */
    private String genValue() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (!isTokenChar(c) && c != ':' && c != '[' && c != ']') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("parameter value missing");
        }
        return s.substring(start, pos);
    }

    /** An unsigned decimal; values above {@code max} are reported as {@code max + 1}. */
    long number(long max, String what) {
        int start = pos;
        long v = 0;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            if (v <= max) {
                v = v * 10 + (s.charAt(pos) - '0');
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what + " digits");
        }
        return Math.min(v, max + 1);
    }

    String rest() {
        String r = s.substring(Math.min(pos, s.length()));
        return r.length() > 40 ? r.substring(0, 40) + "…" : r;
    }

    InvalidHeaderException error(String what) {
        return new InvalidHeaderException(header + ": " + what);
    }

    static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** True for a non-null, non-empty string of token characters. */
    static boolean isToken(String s) {
        return TokenChars.isToken(s);
    }

    /** RFC 3261 token character. */
    static boolean isTokenChar(char c) {
        return TokenChars.isTokenChar(c);
    }
}
