package dev.lifeline.sip.message;

/**
 * One header field line: a canonical name (compact forms expanded) and its value with folding
 * unfolded and surrounding whitespace trimmed.
 */
public record HeaderField(String name, String value) {

    /**
     * Checks a field supplied by code (not the parser): the name must be a token and the value
     * must not hold CR or LF, which would let a caller inject extra header lines (NUL is allowed:
     * it may appear escaped in a quoted string, RFC 4475 §3.1.1.2).
     */
    public static HeaderField checked(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        // A canonical constant (what the typed builder methods pass) is a token already.
        boolean canonical = HeaderNames.isCanonicalConstant(name);
        for (int i = 0; !canonical && i < name.length(); i++) {
            if (!Cursor.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name is not a token: '" + name + "'");
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("header value is null for " + name);
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " contains CR or LF");
        }
        return new HeaderField(canonical ? name : HeaderNames.canonical(name), value.strip());
    }
}
