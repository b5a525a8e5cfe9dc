package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class EModelProperties {

    private static final EModelInput PLC = EModelInput.defaults().withCodec(CodecImpairment.G711_PLC);

    /** Uniform-ish doubles in [min, max], both ends included. */
    private static Gen<Double> between(double min, double max) {
        return doubles().between(min, max);
    }

    @Test
    void rNeverRisesWithLoss() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0001L)
                .forAll(between(0, 100), between(0, 20), between(1, 8))
                .checkAssert((loss, more, burstRatio) -> {
                    double worse = Math.min(100, loss + more);
                    assertThat(EModel.rFactor(PLC.withPacketLoss(worse, burstRatio)))
                            .isLessThanOrEqualTo(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio)) + 1e-9);
                });
    }

    @Test
    void rNeverRisesWithBurstiness() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0002L)
                .forAll(between(0, 50), between(1, 8), between(0, 4))
                .checkAssert((loss, burstRatio, more) ->
                        assertThat(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio + more)))
                                .isLessThanOrEqualTo(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio)) + 1e-9));
    }

    /**
     * From 1 ms up. Below 1 ms G.107 counts talker echo as sidetone (Idte = 0) and from 1 ms its
     * Idte is slightly negative, so R steps up by 0.09 at 1 ms: see EModelTest.
     */
    @Test
    void rNeverRisesWithDelay() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0003L)
                .forAll(between(1, 1000), between(0, 500), between(0, 10))
                .checkAssert((delay, more, loss) -> {
                    EModelInput lossy = PLC.withPacketLoss(loss, 1);
                    assertThat(EModel.rFactor(lossy.withOneWayDelay(delay + more)))
                            .isLessThanOrEqualTo(EModel.rFactor(lossy.withOneWayDelay(delay)) + 1e-9);
                });
    }

    @Test
    void rNeverRisesWithDelayBelowOneMillisecond() {
        Gen<Double> belowOne = between(0, Math.nextDown(1.0));      // [0, 1)
        qt().withExamples(1000).withFixedSeed(0xE30D_0004L)
                .forAll(belowOne, belowOne)
                .checkAssert((a, b) -> {
                    double shorter = Math.min(a, b);
                    double longer = Math.max(a, b);
                    assertThat(EModel.rFactor(PLC.withOneWayDelay(longer)))
                            .isLessThanOrEqualTo(EModel.rFactor(PLC.withOneWayDelay(shorter)) + 1e-9);
                });
    }

    @Test
    void absoluteDelayAloneNeverRaisesR() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0005L)
                .forAll(between(0, 1000), between(0, 500))
                .checkAssert((ta, more) -> {
                    EModelInput.Builder b = EModelInput.defaults().toBuilder();
                    assertThat(EModel.rFactor(b.absoluteDelay(ta + more).build()))
                            .isLessThanOrEqualTo(EModel.rFactor(b.absoluteDelay(ta).build()) + 1e-9);
                });
    }

    @Test
    void mosStaysOnTheScale() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0006L)
                .forAll(between(-200, 300))
                .checkAssert(r -> assertThat(EModel.mos(r)).isBetween(1.0, 4.5));
    }

    @Test
    void mosOfAnyRatedConnectionStaysOnTheScale() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0007L)
                .forAll(between(0, 100), between(1, 10), between(0, 2000))
                .checkAssert((loss, burstRatio, delay) -> {
                    Rating r = EModel.rate(PLC.withPacketLoss(loss, burstRatio).withOneWayDelay(delay));
                    assertThat(r.r()).isFinite();
                    assertThat(r.mos()).isBetween(1.0, 4.5);
                });
    }

    @Test
    void mosNeverFallsAsRRises() {
        qt().withExamples(1000).withFixedSeed(0xE30D_0008L)
                .forAll(between(-50, 150), between(0, 50))
                .checkAssert((r, more) -> assertThat(EModel.mos(r + more)).isGreaterThanOrEqualTo(EModel.mos(r) - 1e-12));
    }
}
