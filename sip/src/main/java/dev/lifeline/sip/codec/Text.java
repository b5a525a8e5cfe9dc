package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.TokenChars;
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
        return TokenChars.isTokenByte(c);
    }

    static boolean isToken(String s) {
        return TokenChars.isToken(s);
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
