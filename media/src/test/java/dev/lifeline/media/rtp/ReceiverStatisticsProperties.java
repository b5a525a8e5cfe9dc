package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

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

    private static long droppedCount(int n, Set<Integer> dropped) {
        return dropped.stream().filter(p -> p >= 2 && p < n - 1).count();
    }

    @Property
    void lossIsExactlyWhatWasDropped(@ForAll @IntRange(min = 3, max = 2000) int n,
                                     @ForAll @Size(max = 300) Set<@IntRange(min = 0, max = 2000) Integer> dropped,
                                     @ForAll @IntRange(min = 0, max = 65535) int firstSeq) {
        ReceiverStatistics stats = deliverAll(inOrder(n, dropped), firstSeq);

        long lost = droppedCount(n, dropped);
        assertThat(stats.expected()).isEqualTo(n - 1);
        assertThat(stats.cumulativeLost()).isEqualTo(lost);
        assertThat(stats.lossFraction()).isCloseTo((double) lost / (n - 1), within(1e-12));
        assertThat(stats.extendedMax() & 0xFFFF).isEqualTo((firstSeq + n - 1) & 0xFFFF);
        assertThat(stats.burstRatio()).isPositive();
        assertThat(stats.jitter()).isCloseTo(0, within(1e-6));
    }

    @Property
    void duplicatesNeverHideLoss(@ForAll @IntRange(min = 3, max = 500) int n,
                                 @ForAll @Size(max = 50) Set<@IntRange(min = 0, max = 500) Integer> dropped,
                                 @ForAll @Size(max = 50) Set<@IntRange(min = 1, max = 500) Integer> repeated) {
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

    @Property
    void swappedNeighboursAreLateNotLost(@ForAll @IntRange(min = 4, max = 1000) int n,
                                         @ForAll @Size(max = 100) Set<@IntRange(min = 2, max = 1000) Integer> swapAt) {
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
