package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import dev.lifeline.media.quality.EModelInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityStatisticsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final QualityModel MODEL = QualityModel.DEFAULT;

    /** 250 probes (5 s at 50/s) with the given round trips in ms; a negative one is lost. */
    private static List<ProbeOutcome> probes(int n, java.util.function.IntToLongFunction rttMillis) {
        List<ProbeOutcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant sent = T0.plusMillis(20L * i);
            long rtt = rttMillis.applyAsLong(i);
            out.add(rtt < 0 ? ProbeOutcome.lost(i, sent) : ProbeOutcome.heard(i, sent, Duration.ofMillis(rtt)));
        }
        return out;
    }

    @Test
    void aCleanStreamHasNoLossNoJitterAndTheRatingOfItsDelay() {
        QualitySummary s = QualityStatistics.summarize(probes(250, i -> 40), MODEL);
        assertThat(s.sent()).isEqualTo(250);
        assertThat(s.lost()).isZero();
        assertThat(s.lossPercent()).isZero();
        assertThat(s.burstRatio()).isEqualTo(1);
        assertThat(s.rttMillis()).isEqualTo(40);
        assertThat(s.jitterMillis()).isZero();
        // mouth-to-ear = 20 (RTT/2) + 40 (jitter buffer) + 20 (packetisation) = 80 ms, G.711 with PLC
        double expected = EModel.rFactor(EModelInput.defaults().withCodec(CodecImpairment.G711_PLC).withOneWayDelay(80));
        assertThat(s.r()).isCloseTo(expected, within(1e-9));
        assertThat(s.r()).isBetween(90.0, 94.0);
        assertThat(s.from()).isEqualTo(T0);
        assertThat(s.to()).isEqualTo(T0.plusMillis(20 * 249));
    }

    @Test
    void everyTenthLostIsTenPercentRandomishLoss() {
        QualitySummary s = QualityStatistics.summarize(probes(250, i -> i % 10 == 9 ? -1 : 40), MODEL);
        assertThat(s.lost()).isEqualTo(25);
        assertThat(s.lossPercent()).isEqualTo(10.0);
        // runs of 1 where random loss of 10 % would average 1/(1 − 0.1): ratio 0.9
        assertThat(s.burstRatio()).isCloseTo(0.9, within(1e-9));
        // Ie,eff = 95·10/(10/1 + 25.1) ≈ 27.07 off the clean rating (BurstR below 1 is read as random)
        double clean = QualityStatistics.summarize(probes(250, i -> 40), MODEL).r();
        assertThat(clean - s.r()).isCloseTo(95 * 10 / 35.1, within(1e-6));
    }

    @Test
    void oneRunOfLossIsBursty() {
        // 25 consecutive losses in 250: mean run 25, random would give 1/(1 − 0.1)
        QualitySummary s = QualityStatistics.summarize(probes(250, i -> i >= 100 && i < 125 ? -1 : 40), MODEL);
        assertThat(s.lossPercent()).isEqualTo(10.0);
        assertThat(s.burstRatio()).isCloseTo(25 * 0.9, within(1e-9));
        QualitySummary random = QualityStatistics.summarize(probes(250, i -> i % 10 == 9 ? -1 : 40), MODEL);
        assertThat(s.r()).isLessThan(random.r());
    }

    @Test
    void jitterFollowsRfc3550() {
        // transit alternates 40, 60 ms: |D| = 20 ms each step; J_n = 20·(1 − (15/16)^n)
        QualitySummary s = QualityStatistics.summarize(probes(5, i -> i % 2 == 0 ? 40 : 60), MODEL);
        assertThat(s.jitterMillis()).isCloseTo(20 * (1 - Math.pow(15.0 / 16, 4)), within(1e-9));
        assertThat(s.rttMillis()).isEqualTo((40 + 60 + 40 + 60 + 40) / 5.0);
        QualitySummary converged = QualityStatistics.summarize(probes(250, i -> i % 2 == 0 ? 40 : 60), MODEL);
        assertThat(converged.jitterMillis()).isCloseTo(20, within(1e-4));
    }

    @Test
    void echoesLaterThanTheJitterBufferAllowsCountAgainstRButNotAsLoss() {
        // every fifth echo 200 ms late: one-way variation 100 ms > the 40 ms buffer
        QualitySummary s = QualityStatistics.summarize(probes(250, i -> i % 5 == 0 ? 240 : 40), MODEL);
        assertThat(s.lost()).isZero();
        assertThat(s.late()).isEqualTo(50);
        assertThat(s.lossPercent()).isZero();
        assertThat(s.r()).isLessThan(70);
        // 60 ms of extra round trip is 30 ms one way: inside the buffer, not late
        assertThat(QualityStatistics.summarize(probes(250, i -> i % 5 == 0 ? 100 : 40), MODEL).late()).isZero();
    }

    @Test
    void nothingHeardIsFullLoss() {
        QualitySummary s = QualityStatistics.summarize(probes(10, i -> -1), MODEL);
        assertThat(s.lossPercent()).isEqualTo(100);
        assertThat(s.rttMillis()).isEqualTo(-1);
        assertThat(s.r()).isLessThan(20); // Ie,eff = 95·100/(100 + 25.1) ≈ 76
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> QualityStatistics.summarize(List.of(), MODEL))
                .hasMessageContaining("at least one probe");
    }

    @Test
    void theLogSummarisesTheWindowThatEndsOneDeadlineAgoWithBoundedMemory() {
        ProbeLog log = new ProbeLog(MODEL);
        Instant now = T0;
        for (int i = 0; i < 1000; i++) { // 20 s at 50/s
            now = T0.plusMillis(20L * i);
            long seq = log.sent(now);
            if (seq % 10 != 0) {
                assertThat(log.echoed(seq, now.plusMillis(30))).contains(Duration.ofMillis(30));
            }
        }
        QualitySummary s = log.summary(now).orElseThrow();
        assertThat(s.sent()).isEqualTo(250);
        assertThat(s.lossPercent()).isEqualTo(10.0);
        assertThat(s.to()).isBeforeOrEqualTo(now.minus(MODEL.echoDeadline()));
        assertThat(s.from()).isAfter(now.minus(MODEL.echoDeadline()).minus(MODEL.window()));
    }

    @Test
    void theLogIgnoresDuplicatesUnknownAndOverdueEchoes() {
        ProbeLog log = new ProbeLog(MODEL);
        long seq = log.sent(T0);
        assertThat(log.echoed(seq + 1, T0)).isEmpty();
        assertThat(log.echoed(seq, T0.plusMillis(10))).isPresent();
        assertThat(log.echoed(seq, T0.plusMillis(11))).isEmpty();
        long late = log.sent(T0);
        assertThat(log.echoed(late, T0.plus(MODEL.echoDeadline()).plusMillis(1))).isEmpty();
        assertThat(log.summary(T0)).isEmpty();
    }
}
