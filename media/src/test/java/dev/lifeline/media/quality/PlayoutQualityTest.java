package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.media.jitter.JitterBuffer;
import dev.lifeline.media.jitter.JitterBufferConfig;
import dev.lifeline.media.jitter.PlayoutReport;
import dev.lifeline.media.jitter.RtpArrival;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A call's playout rated by the E-model agrees with what the E-model expects for that loss. */
class PlayoutQualityTest {

    private static final long MS = 1_000_000L;
    private static final Duration CODING = Duration.ofMillis(20);

    /**
     * 100 s of 20 ms packets over a path with a 10 ms delay plus up to {@code jitterMs} of
     * jitter; exactly {@code lossPercent} of them, chosen at random, are lost. Played through
     * the jitter buffer with ticks at an arbitrary phase until the last arrival has played.
     */
    private static PlayoutReport randomLoss(double lossPercent, long jitterMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int packets = 5000;
        List<Integer> order = new ArrayList<>(IntStream.range(0, packets).boxed().toList());
        for (int i = packets - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        Set<Integer> lost = new HashSet<>(order.subList(0, (int) Math.round(packets * lossPercent / 100)));
        List<RtpArrival> arrivals = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            long at = i * 20 * MS + 10 * MS + (long) (random.nextDouble() * jitterMs * MS);
            if (!lost.contains(i)) {
                arrivals.add(new RtpArrival(7, i, 160L * i, i == 0, false, at));
            }
        }
        arrivals.sort(Comparator.comparingLong(RtpArrival::arrivalNanos));
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.G711_20MS, 0);
        int next = 0;
        long tick = 3 * MS;
        while (next < arrivals.size() || buffer.buffered() > 0) {
            while (next < arrivals.size() && arrivals.get(next).arrivalNanos() <= tick) {
                buffer.offer(arrivals.get(next++));
            }
            buffer.tick(tick);
            tick += 20 * MS;
        }
        return buffer.report(tick);
    }

    @ParameterizedTest(name = "{0} % random loss, {1}")
    @CsvSource({"0, G711", "1, G711", "3, G711", "5, G711", "0, G711_PLC", "1, G711_PLC", "3, G711_PLC", "5, G711_PLC"})
    void measuredMosAgreesWithTheEModelUnderRandomLossWithoutJitter(double lossPercent, String codecName) {
        CodecImpairment codec = codecNamed(codecName);
        PlayoutReport playout = randomLoss(lossPercent, 0, 42);

        PlayoutQuality q = PlayoutQuality.of(codec, playout, Duration.ofMillis(10), CODING);

        assertThat(playout.late()).isZero();
        assertThat(q.effectiveLossPercent()).isCloseTo(lossPercent, within(1e-9));
        assertThat(q.mos()).isCloseTo(EModel.expectedMos(codec, lossPercent), within(0.2));
        assertThat(q.mos()).isCloseTo(q.expectedMos(), within(0.2));
    }

    @Test
    void mouthToEarIsNetworkPlusBufferPlusCoding() {
        PlayoutReport playout = randomLoss(0, 0, 1);

        PlayoutQuality q = PlayoutQuality.of(CodecImpairment.G711_PLC, playout, Duration.ofMillis(10), CODING);

        assertThat(q.mouthToEarDelay()).isEqualTo(Duration.ofMillis(30).plus(playout.meanDelay()));
        assertThat(q.mos()).isGreaterThan(4.3);
        assertThat(q.toString()).contains("MOS 4.", "loss 0.00 %", "audio gap");
    }

    @Test
    void jitterCostsLatePacketsAndDelayAndSoMos() {
        PlayoutQuality clean = PlayoutQuality.of(CodecImpairment.G711_PLC, randomLoss(0, 0, 5), Duration.ofMillis(10), CODING);
        PlayoutQuality jittery = PlayoutQuality.of(CodecImpairment.G711_PLC, randomLoss(0, 80, 5), Duration.ofMillis(10), CODING);

        assertThat(jittery.playout().late()).isPositive();
        assertThat(jittery.effectiveLossPercent()).isPositive();
        assertThat(jittery.mouthToEarDelay()).isGreaterThan(clean.mouthToEarDelay());
        assertThat(jittery.mos()).isLessThan(clean.mos());
        assertThat(jittery.jitter()).isGreaterThan(Duration.ofMillis(10));
    }

    private static CodecImpairment codecNamed(String name) {
        return switch (name) {
            case "G711" -> CodecImpairment.G711;
            case "G711_PLC" -> CodecImpairment.G711_PLC;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
