package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ReceiverStatisticsProperties {

    private static ReceiverStatistics deliverAll(List<Integer> positions, int firstSeq) {
        ReceiverStatistics stats = new ReceiverStatistics(8000);
        for (int p : positions) {
            stats.received((firstSeq + p) & 0xFFFF, 160L * p, p * 20_000_000L);
        }
        return stats;
    }

    /** Positions 0..n−1 in order minus the dropped ones; 0, 1 and n−1 always arrive. */
    private static List<Integer> inOrder(int n, Set<Integer> dropped) {
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (p < 2 || p == n - 1 || !dropped.contains(p)) {
                positions.add(p);
            }
        }
        return positions;
    }

    /** Sets of at most maxSize integers from min..max (sorted, so a failure reads easily). */
    private static Gen<Set<Integer>> sets(int maxSize, int min, int max) {
        return lists().of(integers().between(min, max)).ofSizeBetween(0, maxSize).map(TreeSet::new);
    }

    private static long droppedCount(int n, Set<Integer> dropped) {
        return dropped.stream().filter(p -> p >= 2 && p < n - 1).count();
    }

    @Test
    void lossIsExactlyWhatWasDropped() {
        qt().withExamples(1000).withFixedSeed(0x5747_0001L)
                .forAll(integers().between(3, 2000), sets(300, 0, 2000), integers().between(0, 65535))
                .checkAssert(ReceiverStatisticsProperties::lossIsExactlyWhatWasDropped);
    }

    private static void lossIsExactlyWhatWasDropped(int n, Set<Integer> dropped, int firstSeq) {
        ReceiverStatistics stats = deliverAll(inOrder(n, dropped), firstSeq);

        long lost = droppedCount(n, dropped);
        assertThat(stats.expected()).isEqualTo(n - 1);
        assertThat(stats.cumulativeLost()).isEqualTo(lost);
        assertThat(stats.lossFraction()).isCloseTo((double) lost / (n - 1), within(1e-12));
        assertThat(stats.extendedMax() & 0xFFFF).isEqualTo((firstSeq + n - 1) & 0xFFFF);
        assertThat(stats.burstRatio()).isPositive();
        assertThat(stats.jitter()).isCloseTo(0, within(1e-6));
    }

    @Test
    void duplicatesNeverHideLoss() {
        qt().withExamples(1000).withFixedSeed(0x5747_0002L)
                .forAll(integers().between(3, 500), sets(50, 0, 500), sets(50, 1, 500))
                .checkAssert(ReceiverStatisticsProperties::duplicatesNeverHideLoss);
    }

    private static void duplicatesNeverHideLoss(int n, Set<Integer> dropped, Set<Integer> repeated) {
        List<Integer> positions = inOrder(n, dropped);
        List<Integer> withRepeats = new ArrayList<>();
        long repeats = 0;
        for (int p : positions) {
            withRepeats.add(p);
            if (p >= 1 && repeated.contains(p)) {
                withRepeats.add(p);     // immediately again: a duplicate of the newest
                repeats++;
            }
        }
        ReceiverStatistics stats = deliverAll(withRepeats, 0);

        long lost = droppedCount(n, dropped);
        assertThat(stats.duplicates()).isEqualTo(repeats);
        assertThat(stats.lossFraction()).isCloseTo((double) lost / (n - 1), within(1e-12));
        assertThat(stats.cumulativeLost()).isEqualTo(lost - repeats);
    }

    @Test
    void swappedNeighboursAreLateNotLost() {
        qt().withExamples(1000).withFixedSeed(0x5747_0003L)
                .forAll(integers().between(4, 1000), sets(100, 2, 1000))
                .checkAssert(ReceiverStatisticsProperties::swappedNeighboursAreLateNotLost);
    }

    private static void swappedNeighboursAreLateNotLost(int n, Set<Integer> swapAt) {
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            positions.add(p);
        }
        long swaps = 0;
        for (int i = 2; i + 1 < n - 1; i++) {
            if (swapAt.contains(i)) {
                positions.set(i, i + 1);
                positions.set(i + 1, i);
                swaps++;
                i++;            // swaps do not overlap
            }
        }
        ReceiverStatistics stats = deliverAll(positions, 65000);

        assertThat(stats.late()).isEqualTo(swaps);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.lossFraction()).isZero();
        assertThat(stats.burstRatio()).isEqualTo(1);
    }
}
