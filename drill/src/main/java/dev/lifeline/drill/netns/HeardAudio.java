package dev.lifeline.drill.netns;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a phone heard, from the audio it decoded (baresip's sndfile recording), against the signal
 * the far end sent. Pure.
 *
 * <p>The signal the lab's phones send is numbered: every 20 ms frame (160 samples at 8 kHz, one
 * RTP packet at ptime 20) carries its own index in 12 bits, each bit a tone at 650 + 200·b Hz, on
 * or off, over a 450 Hz pilot that is always on. Every tone is a multiple of 50 Hz, so over one
 * aligned frame they are orthogonal and one Goertzel per tone reads them exactly, also through
 * G.711's quantisation; their common period is the whole frame, so a concealer that repeats a
 * pitch period cannot fake a new index. A frame heard is a block of the recording that reads as
 * an index after the last one heard; a frame missing is an index never heard. Blocks that are
 * silent, unreadable (concealment, a cut in the middle) or a repeat (baresip 1.0.0's G.711 path
 * decodes the next packet twice when one is lost) are what the phone played instead.
 */
public final class HeardAudio {

    public static final int RATE = 8000;
    public static final int FRAME = 160;
    static final int BITS = 12;
    /** Frames the index can number before it wraps: 81.92 s; {@link #signal} is never longer. */
    public static final int MAX_FRAMES = 1 << BITS;
    static final double PILOT_HZ = 450;
    static final double AMPLITUDE = 2000;

    private HeardAudio() {
    }

    /** A 20 ms block of the recording, as the scorer read it. */
    enum Block { HEARD, REPEAT, UNREADABLE, SILENT }

    /**
     * The scorer's reading of one recording.
     *
     * @param firstIndex  the first frame heard (-1 when none was)
     * @param expected    frames the phone should have heard: from the first heard to the last, plus
     *                    the silent/unreadable blocks before the first and after the last
     * @param heard       frames heard intact
     * @param repeats     blocks that repeated a frame already heard (the decoder's stand-in for a lost one)
     * @param unreadable  blocks with sound that is not a frame of the signal (concealment, a frame cut short)
     * @param silent      blocks with no sound
     * @param longestGap  the longest run of consecutive frames not heard
     */
    public record Score(int firstIndex, int expected, int heard, int repeats, int unreadable, int silent, int longestGap) {

        public int missing() {
            return expected - heard;
        }

        /** Frames not heard, as a percentage of the frames expected; 100 when nothing was heard. */
        public double lossPercent() {
            return expected == 0 ? 100 : missing() * 100.0 / expected;
        }

        public double longestGapSeconds() {
            return longestGap * (double) FRAME / RATE;
        }

        /** ITU-T G.107 MOS-CQE for the loss heard, G.711 as the lab's calls use, random loss (BurstR 1). */
        public double mos(CodecImpairment codec) {
            return EModel.expectedMos(codec, Math.min(100, lossPercent()));
        }
    }

    /** The numbered signal, {@code frames} frames long (at most {@link #MAX_FRAMES}), as 16-bit samples. */
    public static short[] signal(int frames) {
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException(frames + " frames; the numbered signal has 1 to " + MAX_FRAMES);
        }
        short[] out = new short[frames * FRAME];
        for (int k = 0; k < frames; k++) {
            for (int n = 0; n < FRAME; n++) {
                int i = k * FRAME + n;
                double s = AMPLITUDE * Math.sin(2 * Math.PI * PILOT_HZ * i / RATE);
                for (int b = 0; b < BITS; b++) {
                    if ((k >> b & 1) == 1) {
                        s += AMPLITUDE * Math.sin(2 * Math.PI * bitHz(b) * i / RATE);
                    }
                }
                out[i] = (short) Math.round(s);
            }
        }
        return out;
    }

    static double bitHz(int bit) {
        return 650 + 200.0 * bit;
    }

    /** 16-bit mono PCM at 8 kHz as a WAV file. */
    public static byte[] wav(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + samples.length * 2).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put(ascii("data")).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /**
     * The samples of a WAV file as baresip's sndfile writes them: PCM, 16 bit, mono, 8 kHz.
     *
     * @throws IllegalArgumentException saying what is wrong with it, for any other file
     */
    public static short[] samples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header)");
        }
        boolean format = false;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = tag(b, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > wav.length) {
                    throw new IllegalArgumentException("its fmt chunk is " + size + " bytes; expected at least 16");
                }
                int pcm = b.getShort(body) & 0xffff;
                int channels = b.getShort(body + 2);
                int rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if (pcm != 1 || channels != 1 || rate != RATE || bits != 16) {
                    throw new IllegalArgumentException("format " + pcm + ", " + channels + " channel(s), " + rate + " Hz, "
                            + bits + " bit; expected PCM (1), 1 channel, " + RATE + " Hz, 16 bit");
                }
                format = true;
            } else if (id.equals("data")) {
                if (!format) {
                    throw new IllegalArgumentException("its data chunk comes before any fmt chunk");
                }
                // A recording cut short (the phone killed mid-call) says more data than it holds, one still
                // open may say none yet: take what is there.
                long there = wav.length - body;
                int n = (int) (size == 0 ? there : Math.min(size, there)) / 2;
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(body + 2 * i);
                }
                return out;
            }
            at = body + (int) Math.min(size + (size & 1), wav.length);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    /** Reads a recording of the numbered signal, block by block of 20 ms from its start. */
    public static Score score(short[] recording) {
        int blocks = recording.length / FRAME;
        int first = -1;
        int last = -1;
        int heard = 0;
        int repeats = 0;
        int unreadable = 0;
        int silent = 0;
        int before = 0;        // not-heard blocks before the first frame heard
        int sinceLast = 0;     // not-heard blocks after the last frame heard
        int longest = 0;
        for (int k = 0; k < blocks; k++) {
            int index = index(recording, k * FRAME);
            Block kind = index >= 0 ? (index > last ? Block.HEARD : Block.REPEAT)
                    : index == SILENCE ? Block.SILENT : Block.UNREADABLE;
            switch (kind) {
                case HEARD -> {
                    if (first < 0) {
                        first = index;
                        longest = before;
                    } else {
                        longest = Math.max(longest, index - last - 1);
                    }
                    last = index;
                    heard++;
                    sinceLast = 0;
                }
                case REPEAT -> repeats++;
                case UNREADABLE -> unreadable++;
                case SILENT -> silent++;
            }
            if (kind != Block.HEARD) {
                if (first < 0) {
                    before++;
                } else {
                    sinceLast++;
                }
            }
        }
        if (first < 0) {
            return new Score(-1, blocks, 0, repeats, unreadable, silent, blocks);
        }
        // Blocks after the last frame heard stood where the next frames should have been; repeats there too.
        longest = Math.max(longest, sinceLast);
        int expected = before + (last - first + 1) + sinceLast;
        return new Score(first, expected, heard, repeats, unreadable, silent, longest);
    }

    static final int SILENCE = -1;
    static final int NOT_A_FRAME = -2;

    /**
     * The index the block at {@code from} carries, {@link #SILENCE} for a block with no sound (below
     * −40 dB of the pilot), {@link #NOT_A_FRAME} for one whose pilot is off its level by more than
     * about 3 dB or whose tones are neither clearly on nor clearly off.
     */
    static int index(short[] s, int from) {
        double energy = 0;
        for (int n = 0; n < FRAME; n++) {
            energy += (double) s[from + n] * s[from + n];
        }
        if (Math.sqrt(energy / FRAME) < AMPLITUDE / 100) {
            return SILENCE;
        }
        double pilot = amplitude(s, from, PILOT_HZ);
        if (pilot < 0.7 * AMPLITUDE || pilot > 1.4 * AMPLITUDE) {
            return NOT_A_FRAME;
        }
        int index = 0;
        for (int b = 0; b < BITS; b++) {
            double a = amplitude(s, from, bitHz(b)) / pilot;
            if (a > 0.7) {
                index |= 1 << b;
            } else if (a > 0.3) {
                return NOT_A_FRAME;
            }
        }
        return index;
    }

    /** The amplitude of the {@code hz} component over one block (Goertzel; exact for a whole number of cycles). */
    private static double amplitude(short[] s, int from, double hz) {
        double w = 2 * Math.PI * hz / RATE;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int n = 0; n < FRAME; n++) {
            double s0 = s[from + n] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double re = s1 - s2 * Math.cos(w);
        double im = s2 * Math.sin(w);
        return 2 * Math.hypot(re, im) / FRAME;
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
