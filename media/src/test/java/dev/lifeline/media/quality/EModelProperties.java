package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class EModelProperties {

    private static final EModelInput PLC = EModelInput.defaults().withCodec(CodecImpairment.G711_PLC);

    @Property
    void rNeverRisesWithLoss(@ForAll @DoubleRange(min = 0, max = 100) double loss,
                             @ForAll @DoubleRange(min = 0, max = 20) double more,
                             @ForAll @DoubleRange(min = 1, max = 8) double burstRatio) {
        double worse = Math.min(100, loss + more);
        assertThat(EModel.rFactor(PLC.withPacketLoss(worse, burstRatio)))
                .isLessThanOrEqualTo(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio)) + 1e-9);
    }

    @Property
    void rNeverRisesWithBurstiness(@ForAll @DoubleRange(min = 0, max = 50) double loss,
                                   @ForAll @DoubleRange(min = 1, max = 8) double burstRatio,
                                   @ForAll @DoubleRange(min = 0, max = 4) double more) {
        assertThat(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio + more)))
                .isLessThanOrEqualTo(EModel.rFactor(PLC.withPacketLoss(loss, burstRatio)) + 1e-9);
    }

    /**
     * From 1 ms up. Below 1 ms G.107 counts talker echo as sidetone (Idte = 0) and from 1 ms its
     * Idte is slightly negative, so R steps up by 0.09 at 1 ms: see EModelTest.
     */
    @Property
    void rNeverRisesWithDelay(@ForAll @DoubleRange(min = 1, max = 1000) double delay,
                              @ForAll @DoubleRange(min = 0, max = 500) double more,
                              @ForAll @DoubleRange(min = 0, max = 10) double loss) {
        EModelInput lossy = PLC.withPacketLoss(loss, 1);
        assertThat(EModel.rFactor(lossy.withOneWayDelay(delay + more)))
                .isLessThanOrEqualTo(EModel.rFactor(lossy.withOneWayDelay(delay)) + 1e-9);
    }

    @Property
    void rNeverRisesWithDelayBelowOneMillisecond(@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double a,
                                                 @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double b) {
        double shorter = Math.min(a, b);
        double longer = Math.max(a, b);
        assertThat(EModel.rFactor(PLC.withOneWayDelay(longer)))
                .isLessThanOrEqualTo(EModel.rFactor(PLC.withOneWayDelay(shorter)) + 1e-9);
    }

    @Property
    void absoluteDelayAloneNeverRaisesR(@ForAll @DoubleRange(min = 0, max = 1000) double ta,
                                        @ForAll @DoubleRange(min = 0, max = 500) double more) {
        EModelInput.Builder b = EModelInput.defaults().toBuilder();
        assertThat(EModel.rFactor(b.absoluteDelay(ta + more).build()))
                .isLessThanOrEqualTo(EModel.rFactor(b.absoluteDelay(ta).build()) + 1e-9);
    }

    @Property
    void mosStaysOnTheScale(@ForAll @DoubleRange(min = -200, max = 300) double r) {
        assertThat(EModel.mos(r)).isBetween(1.0, 4.5);
    }

    @Property
    void mosOfAnyRatedConnectionStaysOnTheScale(@ForAll @DoubleRange(min = 0, max = 100) double loss,
                                                @ForAll @DoubleRange(min = 1, max = 10) double burstRatio,
                                                @ForAll @DoubleRange(min = 0, max = 2000) double delay) {
        Rating r = EModel.rate(PLC.withPacketLoss(loss, burstRatio).withOneWayDelay(delay));
        assertThat(r.r()).isFinite();
        assertThat(r.mos()).isBetween(1.0, 4.5);
    }

    @Property
    void mosNeverFallsAsRRises(@ForAll @DoubleRange(min = -50, max = 150) double r,
                               @ForAll @DoubleRange(min = 0, max = 50) double more) {
        assertThat(EModel.mos(r + more)).isGreaterThanOrEqualTo(EModel.mos(r) - 1e-12);
    }
}
