package dev.lifeline.media.quality;

import dev.lifeline.media.codec.G711;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic test signal that behaves like conversational speech on the wire, in 20 ms
 * G.711 frames at 8 kHz: talkspurts of a voiced, harmonic tone (a fundamental of 100–220 Hz
 * chosen per talkspurt, ten harmonics falling off as 1/k, an envelope at a syllable rate of
 * 4 Hz) separated by pauses of faint noise. Phones send the pauses too (no DTX), as most do.
 * The same seed gives the same bytes, so a drill's audio can be replayed and compared.
 *
 * <p>One instance is one sender's stream; {@link #next()} is not thread-safe.
 */
public final class SpeechLikeSignal {

    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    /** Frames quieter than this (RMS in dB relative to full scale) count as silence. */
    public static final double SILENCE_DBOV = -45;

    private static final int RATE = 8000;
    private static final double PEAK = 0.25 * Short.MAX_VALUE;   // about −15 dBov RMS while talking
    private static final int HARMONICS = 10;

    /** µ-law (PCMU, payload type 0) or A-law (PCMA, payload type 8). */
    public enum Law {
        ULAW(0), ALAW(8);

        private final int payloadType;

        Law(int payloadType) {
            this.payloadType = payloadType;
        }

        public int payloadType() {
            return payloadType;
        }
    }

    /**
     * One frame of the signal.
     *
     * @param index          frame number from 0
     * @param payload        160 G.711 codes
     * @param speech         inside a talkspurt
     * @param talkspurtStart the first frame of a talkspurt: the RTP marker bit (RFC 3551 §4.1)
     */
    public record Frame(long index, byte[] payload, boolean speech, boolean talkspurtStart) {
    }

    private final Law law;
    private final SplittableRandom random;
    private final int talkMin;
    private final int talkMax;
    private final int pauseMin;
    private final int pauseMax;
    private final short[] pcm = new short[FRAME_SAMPLES];

    private long index;
    private boolean talking;
    private int framesLeft;
    private long sampleInSpurt;
    private double f0;

    /** 1 s talkspurts and 0.4 s pauses, µ-law. */
    public SpeechLikeSignal(long seed) {
        this(seed, Law.ULAW, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(400), Duration.ofMillis(400));
    }

    /** Talkspurt and pause lengths drawn uniformly from the given ranges, whole 20 ms frames. */
    public SpeechLikeSignal(long seed, Law law, Duration talkMin, Duration talkMax, Duration pauseMin, Duration pauseMax) {
        this.law = Objects.requireNonNull(law, "law");
        this.random = new SplittableRandom(seed);
        this.talkMin = frames(talkMin, "talkMin");
        this.talkMax = frames(talkMax, "talkMax");
        this.pauseMin = frames(pauseMin, "pauseMin");
        this.pauseMax = frames(pauseMax, "pauseMax");
        if (this.talkMin < 1 || this.talkMax < this.talkMin || this.pauseMax < this.pauseMin) {
            throw new IllegalArgumentException("need 20 ms <= talkMin <= talkMax and 0 <= pauseMin <= pauseMax, was talk "
                    + talkMin + ".." + talkMax + ", pause " + pauseMin + ".." + pauseMax);
        }
    }

    private static int frames(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
        return (int) (d.toMillis() / 20);
    }

    public Law law() {
        return law;
    }

    /** The next 20 ms frame. */
    public Frame next() {
        boolean start = false;
        while (framesLeft == 0) {
            talking = !talking;
            framesLeft = talking ? between(talkMin, talkMax) : between(pauseMin, pauseMax);
            if (talking) {
                start = true;
                sampleInSpurt = 0;
                f0 = 100 + 120 * random.nextDouble();
            }
        }
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            pcm[i] = talking ? voiced(sampleInSpurt++) : (short) (random.nextInt(9) - 4);
        }
        byte[] payload = new byte[FRAME_SAMPLES];
        if (law == Law.ULAW) {
            G711.encodeUlaw(pcm, 0, payload, 0, FRAME_SAMPLES);
        } else {
            G711.encodeAlaw(pcm, 0, payload, 0, FRAME_SAMPLES);
        }
        framesLeft--;
        return new Frame(index++, payload, talking, start);
    }

    private int between(int min, int max) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    private short voiced(long n) {
        double t = (double) n / RATE;
        double envelope = 0.3 + 0.7 * 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t));
        double sum = 0;
        for (int k = 1; k <= HARMONICS; k++) {
            sum += Math.sin(2 * Math.PI * k * f0 * t) / k;
        }
        // The harmonic sum peaks near 1.8; scale so the loudest syllables stay well inside full scale.
        return (short) Math.round(PEAK * envelope * sum / 1.8);
    }

    /** RMS level of a G.711 frame in dB relative to full scale (dBov); −100 for digital silence. */
    public static double levelDbov(byte[] payload, Law law) {
        double sum = 0;
        for (byte code : payload) {
            double s = law == Law.ULAW ? G711.ulawToLinear(code) : G711.alawToLinear(code);
            sum += s * s;
        }
        double rms = Math.sqrt(sum / Math.max(1, payload.length));
        return rms < 1 ? -100 : 20 * Math.log10(rms / Short.MAX_VALUE);
    }

    /** Whether a frame is quiet enough to be a pause ({@link #SILENCE_DBOV}). */
    public static boolean isSilence(byte[] payload, Law law) {
        return levelDbov(payload, law) < SILENCE_DBOV;
    }
}
