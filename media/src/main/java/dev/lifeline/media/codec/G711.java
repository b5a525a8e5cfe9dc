package dev.lifeline.media.codec;

/**
 * G.711 companding between 16-bit linear PCM and 8-bit codes. The standard works on 14-bit
 * (µ-law) and 13-bit (A-law) linear values; here they sit in the top bits of a 16-bit sample,
 * so decoded values are the standard's decision values scaled by 4 (µ-law) or 8 (A-law).
 * Decoding uses 256-entry tables built once; encoding is a segment search of a few shifts.
 */
public final class G711 {

    /** Added before the segment search so that µ-law segments start at powers of two. */
    private static final int ULAW_BIAS = 0x84;
    /** Largest magnitude µ-law can code after the bias: 8159 in 14-bit units, times 4. */
    private static final int ULAW_CLIP = 32635;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) decodeUlawSlow(code);
            ALAW_TO_LINEAR[code] = (short) decodeAlawSlow(code);
        }
    }

    private G711() {
    }

    /** µ-law code of a 16-bit sample; 0 codes as 0xFF. */
    public static byte linearToUlaw(int sample) {
        int sign = 0;
        int magnitude = sample;
        if (magnitude < 0) {
            sign = 0x80;
            magnitude = -magnitude;
        }
        magnitude = Math.min(magnitude, ULAW_CLIP) + ULAW_BIAS;
        int segment = segmentOf(magnitude >> 7);
        int mantissa = (magnitude >> (segment + 3)) & 0x0F;
        // Codes are sent inverted (G.711 Table 2a): mostly-ones lines for quiet signals.
        return (byte) ~(sign | (segment << 4) | mantissa);
    }

    /** 16-bit sample of a µ-law code. */
    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** A-law code of a 16-bit sample; 0 codes as 0xD5. */
    public static byte linearToAlaw(int sample) {
        int magnitude = sample >> 3;      // 13-bit linear
        int mask;
        if (magnitude >= 0) {
            mask = 0xD5;                  // sign bit set for positive, even bits inverted (G.711 Table 1a)
        } else {
            mask = 0x55;
            magnitude = -magnitude - 1;   // one's complement keeps -1 and 0 symmetric around the origin
        }
        magnitude = Math.min(magnitude, 0xFFF);
        int segment = magnitude < 32 ? 0 : segmentOf(magnitude >> 5) + 1;
        int mantissa = (segment == 0 ? magnitude >> 1 : magnitude >> segment) & 0x0F;
        return (byte) (((segment << 4) | mantissa) ^ mask);
    }

    /** 16-bit sample of an A-law code. */
    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Encodes {@code length} samples into codes; the arrays may be pooled buffers. */
    public static void encodeUlaw(short[] pcm, int pcmOffset, byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = linearToUlaw(pcm[pcmOffset + i]);
        }
    }

    public static void decodeUlaw(byte[] codes, int codeOffset, short[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ULAW_TO_LINEAR[codes[codeOffset + i] & 0xFF];
        }
    }

    public static void encodeAlaw(short[] pcm, int pcmOffset, byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = linearToAlaw(pcm[pcmOffset + i]);
        }
    }

    public static void decodeAlaw(byte[] codes, int codeOffset, short[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ALAW_TO_LINEAR[codes[codeOffset + i] & 0xFF];
        }
    }

    /** Index of the highest set bit of a value below 256, 0 for 0 or 1: the segment number. */
    private static int segmentOf(int value) {
        return value == 0 ? 0 : Math.min(7, 31 - Integer.numberOfLeadingZeros(value));
    }

    private static int decodeUlawSlow(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << segment) - ULAW_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    private static int decodeAlawSlow(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int segment = (a >> 4) & 0x07;
        // Reconstruct at the middle of the quantizing interval: +8 in segment 0, +0x108 above.
        int magnitude = ((a & 0x0F) << 4) + (segment == 0 ? 8 : 0x108);
        if (segment > 1) {
            magnitude <<= segment - 1;
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
