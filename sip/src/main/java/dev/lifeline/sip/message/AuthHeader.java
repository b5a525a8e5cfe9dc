package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Ascii;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate
 * header: a scheme and its comma-separated auth-params (RFC 3261 §25.1, RFC 7616 §3.3).
 * Parameter names are kept lower-case; values are unquoted. Quoting on output follows the
 * digest grammar: tokens (algorithm, qop in a response, nc, stale) stay bare.
 *
 * @param scheme the auth scheme as sent, e.g. "Digest"
 * @param params the parameters in wire order, names lower-case, values unquoted
 */
public record AuthHeader(String scheme, Map<String, String> params) {

    public AuthHeader {
        if (scheme == null || scheme.isEmpty()) {
            throw new IllegalArgumentException("auth scheme is empty");
        }
        params = AuthParams.copyOf(params);
    }

    /** A parameter by case-insensitive name. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /**
     * Parses a header value; returns empty when it is not "scheme [param=value *(, param=value)]"
     * or a quoted string is unterminated. Never throws on bad input.
     */
    public static Optional<AuthHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int n = value.length();
        int i = skipWs(value, 0);
        int start = i;
        while (i < n && isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        String scheme = i - start == 6 && value.regionMatches(0, "Digest", 0, 6) ? "Digest" : value.substring(start, i);
        AuthParams.Builder params = new AuthParams.Builder();
        long seen = 0; // the known names met so far, by index in KNOWN_NAMES
        int backslash = -1; // the next '\\' at or after the current value, found lazily
        i = skipWs(value, i);
        while (i < n) {
            int ns = i;
            while (i < n && isTokenChar(value.charAt(i))) {
                i++;
            }
            if (i == ns) {
                return Optional.empty();
            }
            int known = knownName(value, ns, i);
            String name;
            if (known >= 0) {
                name = KNOWN_NAMES[known];
                if ((seen & 1L << known) != 0) {
                    name = null; // a repeated known name: the first one wins
                }
                seen |= 1L << known;
            } else {
                name = value.substring(ns, i).toLowerCase(Locale.ROOT);
            }
            i = skipWs(value, i);
            if (i >= n || value.charAt(i) != '=') {
                return Optional.empty();
            }
            i = skipWs(value, i + 1);
            String val;
            if (i < n && value.charAt(i) == '"') {
                int vs = ++i;
                int close = value.indexOf('"', vs);
                if (backslash < vs) {
                    backslash = value.indexOf('\\', vs);
                    backslash = backslash < 0 ? n : backslash; // n: none left
                }
                if (close >= 0 && backslash > close) {
                    // No quoted-pair before the closing quote: the content is a plain substring.
                    val = value.substring(vs, close);
                    i = close + 1;
                } else {
                    boolean escaped = false;
                    while (i < n && value.charAt(i) != '"') {
                        if (value.charAt(i) == '\\' && i + 1 < n) {
                            escaped = true;
                            i++;
                        }
                        i++;
                    }
                    if (i >= n) {
                        return Optional.empty();
                    }
                    val = escaped ? unescape(value, vs, i) : value.substring(vs, i);
                    i++; // closing quote
                }
            } else {
                int vs = i;
                while (i < n && value.charAt(i) != ',' && !isWs(value.charAt(i))) {
                    i++;
                }
                val = value.substring(vs, i);
            }
            if (known < 0) {
                params.putIfAbsent(name, val);
            } else if (name != null) {
                params.put(name, val);
            }
            i = skipWs(value, i);
            if (i < n) {
                if (value.charAt(i) != ',') {
                    return Optional.empty();
                }
                i = skipWs(value, i + 1);
            }
        }
        return Optional.of(new AuthHeader(scheme, params.build()));
    }

    /**
     * {@link #parse(String)} of the UTF-8 value {@code b[from, to)}, or null where that gives empty.
     * ASCII values (all real credentials) are read straight from the bytes, with no String of the
     * whole value; others are decoded and parsed as a String. b must never change (see below).
     */
    static AuthHeader parseOrNull(byte[] b, int from, int to) {
        return parseOrNull(b, from, to, false);
    }

    /**
     * {@link #parseOrNull(byte[], int, int)} of bytes the decoder may know are ASCII. The result
     * may read its values from {@code b} when they are first asked for: b must never change.
     */
    static AuthHeader parseOrNull(byte[] b, int from, int to, boolean knownAscii) {
        if (!knownAscii && !Ascii.isAscii(b, from, to)) {
            return parse(new String(b, from, to - from, StandardCharsets.UTF_8)).orElse(null);
        }
        int n = to;
        int i = skipWs(b, from, n);
        int start = i;
        while (i < n && isTokenChar((char) b[i])) {
            i++;
        }
        if (i == start) {
            return null;
        }
        String scheme = i - start == 6 && sameBytes(b, start, "Digest") ? "Digest" : ascii(b, start, i);
        // Values without quoted-pairs stay spans of b until read: a caller reads a few of them.
        AuthParams.Builder params = new AuthParams.Builder(b);
        long seen = 0; // the known names met so far, by index in KNOWN_NAMES
        i = skipWs(b, i, n);
        while (i < n) {
            int ns = i;
            while (i < n && isTokenChar((char) b[i])) {
                i++;
            }
            if (i == ns) {
                return null;
            }
            int known = knownName(b, ns, i);
            String name;
            if (known >= 0) {
                name = KNOWN_NAMES[known];
                if ((seen & 1L << known) != 0) {
                    name = null; // a repeated known name: the first one wins
                }
                seen |= 1L << known;
            } else {
                name = ascii(b, ns, i).toLowerCase(Locale.ROOT);
            }
            i = skipWs(b, i, n);
            if (i >= n || b[i] != '=') {
                return null;
            }
            i = skipWs(b, i + 1, n);
            String val = null; // null: the value is b[vs, ve)
            int vs;
            int ve;
            if (i < n && b[i] == '"') {
                vs = ++i;
                // Straight to the closing quote, or to the first backslash where the loop below
                // takes over to resolve quoted-pairs (or to the end: unterminated).
                int stop = Ascii.indexOfEither(b, vs, n, (byte) '"', (byte) '\\');
                i = stop < 0 ? n : stop;
                boolean escaped = false;
                while (i < n && b[i] != '"') {
                    if (b[i] == '\\' && i + 1 < n) {
                        escaped = true;
                        i++;
                    }
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                ve = i;
                if (escaped) {
                    val = unescape(b, vs, i);
                }
                i++; // closing quote
            } else {
                vs = i;
                while (i < n && b[i] != ',' && !isWs((char) b[i])) {
                    i++;
                }
                ve = i;
            }
            if (known < 0) {
                params.putIfAbsent(name, val, vs, ve);
            } else if (name != null) {
                params.put(name, val, vs, ve);
            }
            i = skipWs(b, i, n);
            if (i < n) {
                if (b[i] != ',') {
                    return null;
                }
                i = skipWs(b, i + 1, n);
            }
        }
        return new AuthHeader(scheme, params.build());
    }

    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): exact for ASCII, no decoder
    private static String ascii(byte[] b, int from, int to) {
        return new String(b, 0, from, to - from);
    }

    private static boolean sameBytes(byte[] b, int from, String w) {
        for (int k = 0; k < w.length(); k++) {
            if (b[from + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int knownName(byte[] b, int from, int to) {
        int len = to - from;
        if (len >= NAMES_BY_LENGTH.length) {
            return -1;
        }
        for (int k : NAMES_BY_LENGTH[len]) {
            if (sameLowerCase(b, from, KNOWN_BYTES[k], KNOWN_FOLD[k])) {
                return k;
            }
        }
        return -1;
    }

    /**
     * True when b holds the lower-case name at from in any case: a letter compares with bit 0x20
     * (its case) set on both sides, anything else exactly (fold is 0x20 at letters, 0 elsewhere).
     */
    private static boolean sameLowerCase(byte[] b, int from, byte[] name, byte[] fold) {
        for (int i = 0; i < name.length; i++) {
            if ((b[from + i] | fold[i]) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static String unescape(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = (char) b[i];
            if (c == '\\' && i + 1 < to) {
                c = (char) b[++i];
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int skipWs(byte[] b, int i, int n) {
        while (i < n && isWs((char) b[i])) {
            i++;
        }
        return i;
    }

    /** The names digest uses (RFC 7616 §3.3-3.5), matched in place so a parse copies none of them. */
    private static final String[] KNOWN_NAMES = {
        "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "qop", "nc", "opaque",
        "stale", "domain", "userhash", "charset", "username*", "nextnonce", "rspauth",
    };

    /** The index in KNOWN_NAMES of the name written there (any case), or -1. */
    private static int knownName(String value, int from, int to) {
        int len = to - from;
        if (len >= NAMES_BY_LENGTH.length) {
            return -1;
        }
        for (int k : NAMES_BY_LENGTH[len]) {
            if (sameLowerCase(value, from, KNOWN_NAMES[k])) {
                return k;
            }
        }
        return -1;
    }

    /** KNOWN_NAMES as bytes, and per byte 0x20 where it is a letter (see sameLowerCase). */
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN_NAMES.length][];
    private static final byte[][] KNOWN_FOLD = new byte[KNOWN_NAMES.length][];

    static {
        for (int k = 0; k < KNOWN_NAMES.length; k++) {
            KNOWN_BYTES[k] = KNOWN_NAMES[k].getBytes(StandardCharsets.US_ASCII);
            KNOWN_FOLD[k] = new byte[KNOWN_BYTES[k].length];
            for (int i = 0; i < KNOWN_BYTES[k].length; i++) {
                byte c = KNOWN_BYTES[k][i];
                KNOWN_FOLD[k][i] = (byte) (c >= 'a' && c <= 'z' ? 0x20 : 0);
            }
        }
    }

    /** Indexes into KNOWN_NAMES by name length: a name is compared with the one or two of its length. */
    private static final int[][] NAMES_BY_LENGTH = new int[12][];

    static {
        if (KNOWN_NAMES.length > 64) {
            throw new AssertionError("known names are tracked in a long bit set");
        }
        for (int len = 0; len < NAMES_BY_LENGTH.length; len++) {
            final int l = len;
            NAMES_BY_LENGTH[len] = java.util.stream.IntStream.range(0, KNOWN_NAMES.length)
                    .filter(k -> KNOWN_NAMES[k].length() == l).toArray();
        }
    }

    /** True when value holds the lower-case ASCII word k at from, in any case. */
    private static boolean sameLowerCase(String value, int from, String k) {
        for (int i = 0; i < k.length(); i++) {
            char c = value.charAt(from + i);
            char w = k.charAt(i);
            // Bit 0x20 is case only for letters; a non-letter must match exactly.
            if (c != w && (c | 0x20) != w || (c != w && (w < 'a' || w > 'z'))) {
                return false;
            }
        }
        return true;
    }

    /** The quoted-string content between {@code from} and {@code to} with its quoted-pairs resolved. */
    private static String unescape(String value, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < to) {
                c = value.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Serializes as a header value, e.g. {@code Digest username="bob", realm="x", nc=00000001}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme);
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(first ? " " : ", ");
            first = false;
            sb.append(e.getKey()).append('=');
            if (bare(e.getKey())) {
                sb.append(e.getValue());
            } else {
                sb.append('"').append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.toString();
    }

    private boolean bare(String name) {
        return switch (name) {
            // userhash and charset are tokens too (RFC 7616 §3.3, §3.4); strict peers refuse them quoted
            case "algorithm", "nc", "stale", "userhash", "charset" -> true;
            // qop is a quoted list in a challenge, a bare token in credentials (RFC 7616 §3.4)
            case "qop" -> params.containsKey("response");
            default -> false;
        };
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isTokenChar(char c) {
        return Cursor.isTokenChar(c);
    }
}
