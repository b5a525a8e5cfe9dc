package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EModelTest {

    @Test
    void defaultsRate93point2AndMos4point41() {
        Rating r = EModel.rate(EModelInput.defaults());

        // G.107 §7.7: with all defaults Ro = 94.77, Is = 1.41, Id = 0.15, R = 93.2.
        assertThat(r.ro()).isCloseTo(94.77, within(0.005));
        assertThat(r.is()).isCloseTo(1.41, within(0.005));
        assertThat(r.id()).isCloseTo(0.15, within(0.005));
        assertThat(r.ieEff()).isZero();
        assertThat(r.r()).isCloseTo(93.2, within(0.01));
        assertThat(r.mos()).isCloseTo(4.41, within(0.005));
    }

    @Test
    void g711WithPlcAtOnePercentRandomLoss() {
        Rating r = EModel.rate(EModelInput.defaults().withCodec(CodecImpairment.G711_PLC).withPacketLoss(1, 1));

        assertThat(r.ieEff()).isCloseTo(95.0 / 26.1, within(1e-9));
        assertThat(r.ieEff()).isCloseTo(3.64, within(0.005));
        assertThat(r.r()).isCloseTo(89.57, within(0.01));
    }

    /** R = 93.206 − 95·Ppl/(Ppl + 25.1); MOS from Annex B. */
    @ParameterizedTest(name = "G.711+PLC at {0} % random loss: R {1}, MOS {2}")
    @CsvSource({
        "0, 93.21, 4.41",
        "1, 89.57, 4.33",
        "3, 83.06, 4.13",
        "5, 77.43, 3.92",
        "10, 66.14, 3.41",
    })
    void lossTableForG711WithPlc(double loss, double expectedR, double expectedMos) {
        Rating r = EModel.rate(EModelInput.defaults().withCodec(CodecImpairment.G711_PLC).withPacketLoss(loss, 1));

        assertThat(r.r()).isCloseTo(expectedR, within(0.01));
        assertThat(r.mos()).isCloseTo(expectedMos, within(0.005));
        assertThat(EModel.expectedMos(CodecImpairment.G711_PLC, loss)).isEqualTo(r.mos());
    }

    @ParameterizedTest(name = "G.711 without PLC at {0} %: R {1}")
    @CsvSource({"1, 75.28", "3, 54.17", "5, 42.13"})
    void lossHurtsMuchMoreWithoutConcealment(double loss, double expectedR) {
        assertThat(EModel.rFactor(EModelInput.defaults().withCodec(CodecImpairment.G711).withPacketLoss(loss, 1)))
                .isCloseTo(expectedR, within(0.01));
    }

    @Test
    void burstyLossHurtsMoreThanRandomLossOfTheSameRate() {
        EModelInput plc = EModelInput.defaults().withCodec(CodecImpairment.G711_PLC);
        double random = EModel.rFactor(plc.withPacketLoss(3, 1));
        double bursty = EModel.rFactor(plc.withPacketLoss(3, 2));

        assertThat(bursty).isLessThan(random);
        // Ie,eff = 95·3/(1.5 + 25.1)
        assertThat(EModel.rate(plc.withPacketLoss(3, 2)).ieEff()).isCloseTo(95 * 3 / 26.6, within(1e-9));
    }

    @Test
    void codecImpairmentIsAddedOnTopOfLoss() {
        Rating r = EModel.rate(EModelInput.defaults().withCodec(CodecImpairment.G729A_VAD).withPacketLoss(2, 1));

        assertThat(r.ieEff()).isCloseTo(11 + 84 * 2 / 21.0, within(1e-9));
    }

    /**
     * The one-way delays of G.114's planning limits. Cross-checked against the widely used
     * simplification Id ≈ 0.024·d + 0.11·(d − 177.3)·H(d − 177.3) (Cole and Rosenbluth, 2001),
     * which the full model should follow within a few R points.
     */
    @ParameterizedTest(name = "one-way delay {0} ms: R {1}")
    @CsvSource({"150, 89.54, 4.33", "300, 72.67, 3.72"})
    void delayReducesR(double delay, double expectedR, double expectedMos) {
        Rating r = EModel.rate(EModelInput.defaults().withOneWayDelay(delay));

        assertThat(r.r()).isCloseTo(expectedR, within(0.01));
        assertThat(r.mos()).isCloseTo(expectedMos, within(0.005));
        double simplified = 93.2 - 0.024 * delay - 0.11 * Math.max(0, delay - 177.3);
        assertThat(r.r()).isCloseTo(simplified, within(1.0));
    }

    @Test
    void talkerEchoBelowOneMillisecondIsSidetoneAsG107Says() {
        Rating atZero = EModel.rate(EModelInput.defaults());
        Rating justBelow = EModel.rate(EModelInput.defaults().withOneWayDelay(0.9));
        Rating atOne = EModel.rate(EModelInput.defaults().withOneWayDelay(1));

        assertThat(justBelow.idte()).isZero();
        // The standard's Idte bracket is slightly negative with good echo loss (TELR 65).
        assertThat(atOne.idte()).isCloseTo(-0.109, within(0.001));
        assertThat(atOne.r() - atZero.r()).isCloseTo(0.057, within(0.001));
    }

    @Test
    void absoluteDelayImpairmentFollowsTheLog2Curve() {
        assertThat(EModel.absoluteDelayImpairment(100, 100, 1)).isZero();
        // X = log2(2) = 1: 25·(2^(1/6) − 3·(1 + 3^−6)^(1/6) + 2)
        double expected = 25 * (Math.pow(2, 1.0 / 6) - 3 * Math.pow(1 + Math.pow(3, -6), 1.0 / 6) + 2);
        assertThat(EModel.absoluteDelayImpairment(200, 100, 1)).isCloseTo(expected, within(1e-12));
        assertThat(EModel.absoluteDelayImpairment(300, 100, 1)).isCloseTo(14.76, within(0.01));
        // A less delay-sensitive class of users (G.107 Table 1: mT = 150, sT = 0.4) suffers less.
        assertThat(EModel.absoluteDelayImpairment(300, 150, 0.4)).isLessThan(EModel.absoluteDelayImpairment(300, 100, 1));
    }

    @Test
    void mosFollowsAnnexB() {
        assertThat(EModel.mos(-5)).isEqualTo(1);
        assertThat(EModel.mos(0)).isEqualTo(1);
        // The cubic dips to 0.99 near R = 3; held at the bottom of the scale.
        assertThat(1 + 0.035 * 3 + 3 * (3 - 60) * (100 - 3) * 7e-6).isLessThan(1);
        assertThat(EModel.mos(3)).isEqualTo(1);
        assertThat(EModel.mos(10)).isGreaterThan(1);
        assertThat(EModel.mos(100)).isCloseTo(4.5, within(1e-12));
        assertThat(EModel.mos(120)).isEqualTo(4.5);
        assertThat(EModel.mos(50)).isCloseTo(1 + 1.75 + 50 * -10 * 50 * 7e-6, within(1e-12));
    }

    @Test
    void advantageFactorAddsToR() {
        double base = EModel.rFactor(EModelInput.defaults());
        assertThat(EModel.rFactor(EModelInput.defaults().toBuilder().advantage(5).build()))
                .isCloseTo(base + 5, within(1e-9));
    }

    @Test
    void strongSidetoneAndNoisyRoomsLowerR() {
        double base = EModel.rFactor(EModelInput.defaults());
        assertThat(EModel.rFactor(EModelInput.defaults().toBuilder().roomNoiseSend(60).roomNoiseReceive(60).build()))
                .isLessThan(base);
        assertThat(EModel.rFactor(EModelInput.defaults().toBuilder().stmr(5).build())).isLessThan(base);
        assertThat(EModel.rFactor(EModelInput.defaults().toBuilder().qdu(8).build())).isLessThan(base);
        assertThat(EModel.rFactor(EModelInput.defaults().toBuilder().stmr(25).build())).isLessThan(base);
    }

    @Test
    void poorEchoControlIsPunishedByDelay() {
        EModelInput poorEcho = EModelInput.defaults().toBuilder().telr(35).build();
        assertThat(EModel.rFactor(poorEcho.withOneWayDelay(150)))
                .isLessThan(EModel.rFactor(EModelInput.defaults().withOneWayDelay(150)) - 20);
    }

    @Test
    void rejectsValuesOutsideTheModelsDomain() {
        EModelInput.Builder b = EModelInput.defaults().toBuilder();
        assertThatThrownBy(() -> b.packetLossPercent(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EModelInput.defaults().withPacketLoss(101, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EModelInput.defaults().withPacketLoss(1, 0.5))
                .hasMessageContaining("BurstR");
        assertThatThrownBy(() -> EModelInput.defaults().withOneWayDelay(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodecImpairment("x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
