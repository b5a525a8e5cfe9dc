package dev.lifeline.media.quality;

/**
 * Turns measured stream statistics into E-model inputs and a rating: the path manager's quality
 * probe and a call's end-of-call report both go through here, so they rate alike. Everything
 * not measured keeps the G.107 Table 3 defaults.
 */
public final class QualityEstimator {

    private QualityEstimator() {
    }

    /**
     * E-model input for a codec over a measured path. The mouth-to-ear delay is taken as T and
     * Ta, and Tr = 2T (see {@link EModelInput#withOneWayDelay}). A measured burst ratio below 1
     * (losses more spread out than random, or too few losses to tell) is read as random loss:
     * G.107 defines BurstR only from 1 upwards.
     */
    public static EModelInput input(CodecImpairment codec, PathMeasurement m) {
        double delayMillis = m.mouthToEarDelay().toNanos() / 1e6;
        return EModelInput.defaults()
                .withCodec(codec)
                .withPacketLoss(100 * m.lossFraction(), Math.max(1, m.burstRatio()))
                .withOneWayDelay(delayMillis);
    }

    public static Rating estimate(CodecImpairment codec, PathMeasurement m) {
        return EModel.rate(input(codec, m));
    }
}
