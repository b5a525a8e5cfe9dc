package dev.lifeline.sip.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * %HH escaping of URI components (RFC 3261 §19.1.2, §25.1 "escaped"). Decoding yields UTF-8
 * text; an escaped NUL (RFC 4475 §3.1.1.4) decodes to U+0000 and is kept.
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** Decodes the %HH sequences of {@code s[from, to)}; a plain range costs one substring. */
    static String decode(String s, int from, int to, String component) {
        int pct = s.indexOf('%', from);
        return pct < 0 || pct >= to ? s.substring(from, to) : decode(s.substring(from, to), component);
    }

    /** Decodes %HH sequences; throws when a '%' is not followed by two hex digits. */
    static String decode(String s, String component) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                int hi = i + 1 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
                int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidUriException("bad %-escape in URI " + component + ": '" + s + "'");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes every character that is not unreserved and not in {@code allowed}. */
    static String encode(String s, String allowed) {
        if (!needsEncoding(s, allowed)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || allowed.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean needsEncoding(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && allowed.indexOf(c) < 0) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3261 unreserved = alphanum / mark. */
    static boolean isUnreserved(char c) {
        return c < 64 ? (UNRESERVED_LOW >>> c & 1) != 0 : c < 128 && (UNRESERVED_HIGH >>> (c - 64) & 1) != 0;
    }

    /** Unreserved characters as bit masks: chars 0-63 in the low mask, 64-127 in the high one. */
    static final String UNRESERVED =
            "-_.!~*'()0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long UNRESERVED_LOW = mask(UNRESERVED, 0);
    private static final long UNRESERVED_HIGH = mask(UNRESERVED, 64);

    /** The bits of the characters of chars in 64..127 (base 64) or 0..63 (base 0). */
    static long mask(String chars, int base) {
        long m = 0;
        for (int i = 0; i < chars.length(); i++) {
            int c = chars.charAt(i) - base;
            if (c >= 0 && c < 64) {
                m |= 1L << c;
            }
        }
        return m;
    }

    /** Checks that every character is unreserved, in {@code allowed}, or part of a %HH escape. */
    static void check(String s, String allowed, String component) {
        check(s, 0, s.length(), allowed, component);
    }

    /** {@link #check(String, String, String)} on {@code s[from, to)}. */
    static void check(String s, int from, int to, String allowed, String component) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new InvalidUriException("bad %-escape in URI " + component + ": '" + s.substring(from, to) + "'");
                }
                i += 2;
            } else if (!isUnreserved(c) && allowed.indexOf(c) < 0) {
                throw new InvalidUriException(describe(c) + " not allowed in URI " + component + ": '"
                        + s.substring(from, to) + "'");
            }
        }
    }

    private static String describe(char c) {
        if (c == ' ' || c == '\t') {
            return "whitespace";
        }
        return c < ' ' || c > '~' ? String.format("character U+%04X", (int) c) : "character '" + c + "'";
    }
}
