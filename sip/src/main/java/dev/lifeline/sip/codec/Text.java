package dev.lifeline.sip.codec;

import java.nio.charset.StandardCharsets;

/** Byte-to-text helpers of the parser: ASCII fast path, UTF-8 otherwise (RFC 3261 §7.3.1). */
final class Text {

    private Text() {
    }

    /** Decodes bytes as UTF-8; pure ASCII (the common case) takes the Latin-1 fast path. */
    static String decode(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Bytes known to be ASCII (token characters). */
    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static boolean isTokenByte(byte c) {
        return c < 64 ? c >= 0 && (TOKEN_LOW >>> c & 1) != 0 : (TOKEN_HIGH >>> (c - 64) & 1) != 0;
    }

    /** Token characters as bit masks: bytes 0-63 in TOKEN_LOW, 64-127 in TOKEN_HIGH. */
    private static final long TOKEN_LOW;
    private static final long TOKEN_HIGH;

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
        TOKEN_LOW = low;
        TOKEN_HIGH = high;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || !isTokenByte((byte) c)) {
                return false;
            }
        }
        return true;
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Keeps reasons short when they quote hostile input. */
    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
