package dev.lifeline.sip.uri;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Helpers for reading text straight from received bytes that are known to be ASCII (the parser's
 * fast paths check that first): such bytes are their own characters, so a String of them needs
 * no charset decoder.
 */
public final class Ascii {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private Ascii() {
    }

    /**
     * The index of the first byte c in {@code b[from, to)}, or -1. Reads eight bytes at a time
     * (quoted strings and URIs are tens of bytes long, where this is several times faster).
     */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        long p = (c & 0xFFL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long hits = equalBytes((long) LONGS.get(b, i), p);
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte that is c1 or c2 in {@code b[from, to)}, or -1. */
    public static int indexOfEither(byte[] b, int from, int to, byte c1, byte c2) {
        long p1 = (c1 & 0xFFL) * ONES;
        long p2 = (c2 & 0xFFL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long hits = equalBytes(w, p1) | equalBytes(w, p2);
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c1 || b[i] == c2) {
                return i;
            }
        }
        return -1;
    }

    /**
     * 0x80 in each byte of the result where w and p hold the same byte, 0 elsewhere: an exact
     * zero-byte test of {@code w ^ p} (no false positives, unlike the shorter borrow trick).
     */
    private static long equalBytes(long w, long p) {
        long x = w ^ p;
        return ~(((x & LOW7) + LOW7) | x | LOW7);
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
