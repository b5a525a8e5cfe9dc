package dev.lifeline.media.quality;

import dev.lifeline.media.jitter.PlayoutReport;
import java.time.Duration;
import java.util.Objects;

/**
 * One call's received audio rated as a listener heard it: the jitter buffer's playout (loss
 * including late packets, their burstiness, the buffer's delay, the longest silence) together
 * with the network's one-way delay, turned into an ITU-T G.107 rating through
 * {@link QualityEstimator}, so a call rates exactly as a path probe with the same loss and
 * delay does. Late-discarded packets count as loss because to the ear they are.
 *
 * @param codec           the codec's impairment (G.711 with or without PLC)
 * @param playout         what the jitter buffer measured
 * @param networkDelay    one-way network delay (sender to receiver), as far as it was measured
 * @param codingDelay     packetization and codec delay (one frame, 20 ms, for G.711)
 * @param mouthToEarDelay network plus mean buffer delay plus coding
 * @param rating          the E-model's R, MOS and terms
 */
public record PlayoutQuality(CodecImpairment codec, PlayoutReport playout, Duration networkDelay, Duration codingDelay,
                             Duration mouthToEarDelay, Rating rating) {

    public PlayoutQuality {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(playout, "playout");
        Objects.requireNonNull(networkDelay, "networkDelay");
        Objects.requireNonNull(codingDelay, "codingDelay");
        Objects.requireNonNull(mouthToEarDelay, "mouthToEarDelay");
        Objects.requireNonNull(rating, "rating");
    }

    /** Rates a playout report; the delays must not be negative. */
    public static PlayoutQuality of(CodecImpairment codec, PlayoutReport playout, Duration networkDelay,
                                    Duration codingDelay) {
        PathMeasurement m = new PathMeasurement(playout.effectiveLossFraction(), Math.max(1, playout.burstRatio()),
                networkDelay, playout.meanDelay(), codingDelay);
        return new PlayoutQuality(codec, playout, networkDelay, codingDelay, m.mouthToEarDelay(),
                QualityEstimator.estimate(codec, m));
    }

    public double mos() {
        return rating.mos();
    }

    public double r() {
        return rating.r();
    }

    /** Lost plus late over expected, in percent. */
    public double effectiveLossPercent() {
        return playout.effectiveLossPercent();
    }

    public Duration jitter() {
        return playout.jitter();
    }

    public Duration audioGap() {
        return playout.audioGap();
    }

    /** What this codec should rate at the measured loss with no delay: the yardstick for this call. */
    public double expectedMos() {
        return EModel.expectedMos(codec, Math.min(100, playout.effectiveLossPercent()));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "MOS %.2f (R %.1f), loss %.2f %% (lost %d, late %d of %d), jitter %d ms, mouth-to-ear %d ms, audio gap %d ms",
                mos(), r(), effectiveLossPercent(), playout.lost(), playout.late(), playout.expected(),
                jitter().toMillis(), mouthToEarDelay.toMillis(), audioGap().toMillis());
    }
}
