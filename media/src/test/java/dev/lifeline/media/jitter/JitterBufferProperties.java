package dev.lifeline.media.jitter;

import static dev.lifeline.media.jitter.StreamSimulation.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whatever the network does to a stream, the buffer's books balance. */
class JitterBufferProperties {

    @Test
    void everyPacketIsAccountedForOnce() {
        qt().withFixedSeed(20_250_101L).withExamples(200)
                .forAll(integers().between(1, 400), integers().between(0, 30), integers().between(0, 250),
                        longs().between(0, Long.MAX_VALUE / 2))
                .checkAssert((packets, lossPercent, jitterMs, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    long[] delay = new long[packets];
                    for (int i = 0; i < packets; i++) {
                        delay[i] = random.nextInt(100) < lossPercent ? -1 : (long) (random.nextDouble() * jitterMs * MS);
                    }
                    StreamSimulation sim = StreamSimulation.stream();
                    sim.packets = packets;
                    sim.firstSeq = random.nextInt(1 << 16);
                    sim.firstTs = random.nextLong(1L << 32);
                    sim.delay = i -> delay[i];
                    sim.duplicated = i -> i % 13 == 7;
                    PlayoutReport r = sim.run();

                    assertThat(r.received()).isLessThanOrEqualTo(r.expected());
                    assertThat(r.lost()).isEqualTo(r.expected() - r.received());
                    // Each distinct packet that arrived was played, dropped to shrink, or discarded late.
                    assertThat(r.played() + r.skipped() + r.late()).isEqualTo(r.received());
                    assertThat(r.effectiveLossFraction()).isBetween(0.0, 1.0);
                    assertThat(r.maxDelay()).isGreaterThanOrEqualTo(r.meanDelay());
                    assertThat(r.targetDelay()).isBetween(Duration.ofMillis(20), Duration.ofMillis(200));
                    assertThat(r.timeline().stream().mapToLong(PlayoutInterval::played).sum()).isEqualTo(r.played());
                    assertThat(r.timeline().stream().mapToLong(PlayoutInterval::late).sum()).isEqualTo(r.late());
                });
    }
}
