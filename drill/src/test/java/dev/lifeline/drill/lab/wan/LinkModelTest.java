package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The impairment decision, without sockets or sleeps: seeded random, made-up nanos. */
class LinkModelTest {

    private static final long T0 = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void aCleanLinkDeliversAtOnceInOneCopy() {
        LinkStep step = LinkModel.next(LinkState.INITIAL, Impairment.NONE, 200, T0, random);

        assertThat(step.decision()).isEqualTo(new LinkDecision.Deliver(T0, 1));
    }

    @Test
    void aBlackholeDropsEverythingAndLeavesTheStateAlone() {
        Impairment down = Impairment.NONE.withDelay(Duration.ofMillis(50)).withBlackhole(true);
        LinkState state = new LinkState(true, T0, T0);

        LinkStep step = LinkModel.next(state, down, 200, T0, random);

        assertThat(step.decision()).isEqualTo(new LinkDecision.Drop(DropReason.BLACKHOLE));
        assertThat(step.state()).isEqualTo(state);
    }

    @Test
    void randomLossMatchesTheConfiguredRate() {
        Impairment lossy = Impairment.NONE.withLoss(0.05);
        int n = 100_000;

        long lost = run(lossy, n, 0).stream().filter(d -> d instanceof LinkDecision.Drop).count();

        assertThat(lost / (double) n).isBetween(0.045, 0.055);
    }

    @Test
    void gilbertElliottLosesInBurstsOfMeanLengthOneOverR() {
        GilbertElliott ge = GilbertElliott.gilbert(0.01, 0.25);
        int n = 200_000;

        List<LinkDecision> decisions = run(Impairment.NONE.withBurst(ge), n, 0);

        List<Integer> bursts = new ArrayList<>();
        int current = 0;
        long lost = 0;
        for (LinkDecision d : decisions) {
            if (d instanceof LinkDecision.Drop drop) {
                assertThat(drop.reason()).isEqualTo(DropReason.BURST_LOSS);
                current++;
                lost++;
            } else if (current > 0) {
                bursts.add(current);
                current = 0;
            }
        }
        double meanBurst = bursts.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(meanBurst).isBetween(3.6, 4.4);
        assertThat(lost / (double) n).isCloseTo(ge.meanLoss(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(ge.meanLoss()).isCloseTo(0.01 / 0.26, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void gilbertElliottWithLossInBothStates() {
        GilbertElliott ge = new GilbertElliott(0.05, 0.2, 0.5, 0.01);
        int n = 200_000;

        long lost = run(Impairment.NONE.withBurst(ge), n, 0).stream()
                .filter(d -> d instanceof LinkDecision.Drop).count();

        assertThat(lost / (double) n).isCloseTo(ge.meanLoss(), org.assertj.core.data.Offset.offset(0.006));
    }

    @Test
    void jitterSpreadsDelaysUniformlyAroundTheDelay() {
        Impairment jittery = Impairment.NONE.withDelay(Duration.ofMillis(100), Duration.ofMillis(20))
                .withReorder(true);
        int n = 20_000;

        List<LinkDecision> decisions = run(jittery, n, 20 * MS);

        double sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long delay = ((LinkDecision.Deliver) decisions.get(i)).atNanos() - (T0 + i * 20 * MS);
            sum += delay;
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(sum / n / MS).isBetween(99.0, 101.0);
        assertThat(min).isBetween(80 * MS, 82 * MS);
        assertThat(max).isBetween(118 * MS, 120 * MS);
    }

    @Test
    void withoutReorderingNoPacketOvertakesAnEarlierOne() {
        Impairment jittery = Impairment.NONE.withDelay(Duration.ofMillis(100), Duration.ofMillis(40));

        List<LinkDecision> decisions = run(jittery, 5_000, MS);

        long previous = Long.MIN_VALUE;
        for (int i = 0; i < decisions.size(); i++) {
            long at = ((LinkDecision.Deliver) decisions.get(i)).atNanos();
            assertThat(at).isGreaterThanOrEqualTo(previous).isGreaterThanOrEqualTo(T0 + i * MS + 60 * MS);
            previous = at;
        }
    }

    @Test
    void withReorderingPacketsCloseTogetherArriveOutOfOrder() {
        Impairment jittery = Impairment.NONE.withDelay(Duration.ofMillis(100), Duration.ofMillis(40))
                .withReorder(true);

        List<LinkDecision> decisions = run(jittery, 1_000, MS);

        int inversions = 0;
        for (int i = 1; i < decisions.size(); i++) {
            if (((LinkDecision.Deliver) decisions.get(i)).atNanos()
                    < ((LinkDecision.Deliver) decisions.get(i - 1)).atNanos()) {
                inversions++;
            }
        }
        assertThat(inversions).isGreaterThan(100);
    }

    @Test
    void theRateLimiterQueuesThenTailDrops() {
        // 80 kbit/s = 10 000 bytes/s: a 1000-byte packet takes 100 ms; the queue holds 5000 bytes.
        Impairment limited = Impairment.NONE.withRate(80_000, 5_000);
        LinkState state = LinkState.INITIAL;
        List<LinkDecision> burst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LinkStep step = LinkModel.next(state, limited, 1000, T0, random);
            state = step.state();
            burst.add(step.decision());
        }

        for (int i = 0; i < 5; i++) {
            assertThat(burst.get(i)).isEqualTo(new LinkDecision.Deliver(T0 + (i + 1) * 100 * MS, 1));
        }
        assertThat(burst.subList(5, 7)).containsOnly(new LinkDecision.Drop(DropReason.QUEUE_FULL));

        // 250 ms later 2500 bytes are still queued: room for two more packets, not three.
        long later = T0 + 250 * MS;
        assertThat(state.backlogBytes(later, 80_000)).isEqualTo(2500);
        LinkStep a = LinkModel.next(state, limited, 1000, later, random);
        LinkStep b = LinkModel.next(a.state(), limited, 1000, later, random);
        LinkStep c = LinkModel.next(b.state(), limited, 1000, later, random);
        assertThat(a.decision()).isEqualTo(new LinkDecision.Deliver(T0 + 600 * MS, 1));
        assertThat(b.decision()).isEqualTo(new LinkDecision.Deliver(T0 + 700 * MS, 1));
        assertThat(c.decision()).isEqualTo(new LinkDecision.Drop(DropReason.QUEUE_FULL));
    }

    @Test
    void bufferbloatDelayGrowsWhileTheSenderOutrunsTheRate() {
        // 160-byte packets every 10 ms = 128 kbit/s into a 100 kbit/s bottleneck with a large buffer.
        Impairment bloated = Impairment.NONE.withRate(100_000, 20_000).withDelay(Duration.ofMillis(20));

        List<LinkDecision> decisions = run(bloated, 500, 10 * MS, 160);

        long firstDelay = ((LinkDecision.Deliver) decisions.get(0)).atNanos() - T0;
        long lastDelay = ((LinkDecision.Deliver) decisions.get(499)).atNanos() - (T0 + 499 * 10 * MS);
        assertThat(firstDelay).isEqualTo(20 * MS + LinkModel.serialisationNanos(160, 100_000));
        assertThat(lastDelay).isGreaterThan(firstDelay + 1000 * MS);
        assertThat(decisions).noneMatch(d -> d instanceof LinkDecision.Drop);

        // Keep going and the 20 000-byte buffer overflows.
        List<LinkDecision> longer = run(bloated, 3_000, 10 * MS, 160);
        assertThat(longer).contains(new LinkDecision.Drop(DropReason.QUEUE_FULL));
    }

    @Test
    void duplicationMatchesTheConfiguredRate() {
        int n = 50_000;

        long doubled = run(Impairment.NONE.withDuplicate(0.1), n, 0).stream()
                .filter(d -> d instanceof LinkDecision.Deliver del && del.copies() == 2).count();

        assertThat(doubled / (double) n).isBetween(0.09, 0.11);
    }

    @Test
    void impairmentsRejectImpossibleValues() {
        assertThatThrownBy(() -> Impairment.NONE.withLoss(1.5)).hasMessageContaining("loss")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> Impairment.NONE.withDelay(Duration.ofMillis(-1)))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Impairment.NONE.withRate(-5, 100)).hasMessageContaining("rate");
        assertThatThrownBy(() -> GilbertElliott.gilbert(0.1, Double.NaN)).hasMessageContaining("r");
    }

    @Test
    void describeSaysWhatIsApplied() {
        assertThat(Impairment.NONE.describe()).isEqualTo("clean");
        assertThat(Impairment.NONE.withDelay(Duration.ofMillis(80), Duration.ofMillis(20)).withLoss(0.03)
                .describe()).isEqualTo("delay 80ms ±20ms, loss 3.00%");
        assertThat(Impairment.NONE.withBlackhole(true).describe()).isEqualTo("blackhole");
    }

    private List<LinkDecision> run(Impairment impairment, int packets, long spacing) {
        return run(impairment, packets, spacing, 200);
    }

    private List<LinkDecision> run(Impairment impairment, int packets, long spacing, int size) {
        LinkState state = LinkState.INITIAL;
        List<LinkDecision> out = new ArrayList<>(packets);
        for (int i = 0; i < packets; i++) {
            LinkStep step = LinkModel.next(state, impairment, size, T0 + i * spacing, random);
            state = step.state();
            out.add(step.decision());
        }
        return out;
    }
}
