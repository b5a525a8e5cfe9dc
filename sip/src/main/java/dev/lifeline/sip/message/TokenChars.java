package dev.lifeline.sip.message;

/**
 * RFC 3261 §25.1 token characters: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" /
 * "'" / "~". One bit-mask table shared by the parser (which scans bytes) and the header value
 * readers (which scan chars), so the two can never disagree about what a token is.
 */
public final class TokenChars {

    /** Token characters as bit masks: 0-63 in LOW, 64-127 in HIGH. */
    private static final long LOW;
    private static final long HIGH;

    static {
        long low = 0;
        long high = 0;
        for (int c = 0; c < 128; c++) {
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
            if (token && c < 64) {
                low |= 1L << c;
            } else if (token) {
                high |= 1L << (c - 64);
            }
        }
        LOW = low;
        HIGH = high;
    }

    private TokenChars() {
    }

    public static boolean isTokenChar(char c) {
        return c < 64 ? (LOW >>> c & 1) != 0 : c < 128 && (HIGH >>> (c - 64) & 1) != 0;
    }

    /** For wire bytes: negative (non-ASCII) bytes are never token characters. */
    public static boolean isTokenByte(byte b) {
        return b < 64 ? b >= 0 && (LOW >>> b & 1) != 0 : (HIGH >>> (b - 64) & 1) != 0;
    }

    /** True for a non-null, non-empty string of token characters. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
