package dev.lifeline.drill.lab.wan;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whatever the impairment, nothing is delivered before it arrived, and FIFO holds unless reordering. */
class LinkModelProperties {

    @Test
    void deliveriesAreNeverEarlyAndKeepOrderUnlessReorderingIsAllowed() {
        qt().withFixedSeed(7).withExamples(300)
                .forAll(integers().between(0, 200), integers().between(0, 100), doubles().between(0, 0.5),
                        longs().all())
                .checkAssert((delayMs, jitterMs, loss, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    Impairment impairment = Impairment.NONE
                            .withDelay(Duration.ofMillis(delayMs), Duration.ofMillis(jitterMs)).withLoss(loss)
                            .withBurst(GilbertElliott.gilbert(0.02, 0.3)).withRate(500_000, 30_000);
                    LinkState state = LinkState.INITIAL;
                    long now = 0;
                    long last = Long.MIN_VALUE;
                    for (int i = 0; i < 200; i++) {
                        now += random.nextLong(0, 5_000_000);
                        int size = random.nextInt(20, 1400);
                        LinkStep step = LinkModel.next(state, impairment, size, now, random);
                        state = step.state();
                        if (step.decision() instanceof LinkDecision.Deliver d) {
                            if (d.atNanos() < now || d.atNanos() < last) {
                                throw new AssertionError("packet " + i + " at " + now + " due " + d.atNanos()
                                        + " after one due " + last + " with " + impairment.describe());
                            }
                            last = d.atNanos();
                        }
                    }
                });
    }
}
