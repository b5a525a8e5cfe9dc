package dev.lifeline.sip.uri;

/**
 * Helpers for reading text straight from received bytes that are known to be ASCII (the parser's
 * fast paths check that first): such bytes are their own characters, so a String of them needs
 * no charset decoder.
 */
public final class Ascii {

    private Ascii() {
    }

    /** True when every byte of {@code b[from, to)} is ASCII (below 0x80). */
    public static boolean isAscii(byte[] b, int from, int to) {
        int all = 0;
        for (int i = from; i < to; i++) {
            all |= b[i]; // no early exit: an OR reduction the JIT vectorizes
        }
        return all >= 0;
    }

    /** The String of ASCII bytes {@code b[from, to)}. */
    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): exact for ASCII, no decoder
    public static String string(byte[] b, int from, int to) {
        return new String(b, 0, from, to - from);
    }
}
