package dev.lifeline.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SrvOrderTest {

    private static final int DRAWS = 20_000;

    @Test
    void lowerPriorityComesFirstWhateverTheWeights() {
        List<SrvRecord> records = List.of(
                new SrvRecord(20, 100, 5060, "c.example"),
                new SrvRecord(5, 0, 5060, "a.example"),
                new SrvRecord(10, 65535, 5060, "b.example"));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(SrvOrder.order(records, random)).extracting(SrvRecord::target)
                    .containsExactly("a.example", "b.example", "c.example");
        }
    }

    @Test
    void firstPickWithinAPriorityFollowsTheWeights() {
        List<SrvRecord> records = List.of(
                new SrvRecord(10, 60, 5060, "a.example"),
                new SrvRecord(10, 30, 5060, "b.example"),
                new SrvRecord(10, 10, 5060, "c.example"));
        Map<String, Double> first = firstPickShares(records, new SplittableRandom(42));
        // A draw from 0..sum inclusive: each share is (weight + a third of the draw 0) / 101.
        assertThat(first.get("a.example")).isCloseTo(0.60, org.assertj.core.data.Offset.offset(0.02));
        assertThat(first.get("b.example")).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.02));
        assertThat(first.get("c.example")).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void secondPickIsDrawnAmongTheRemaining() {
        // With a (90) taken first, b (9) and c (1) remain and the draw is 0..10 inclusive: b wins
        // 10 of 11 draws when it comes first in the shuffled list, 9 of 11 when c does: 19/22.
        List<SrvRecord> records = List.of(
                new SrvRecord(1, 90, 5060, "a.example"),
                new SrvRecord(1, 9, 5060, "b.example"),
                new SrvRecord(1, 1, 5060, "c.example"));
        SplittableRandom random = new SplittableRandom(7);
        int aFirst = 0;
        int bSecond = 0;
        for (int i = 0; i < DRAWS; i++) {
            List<SrvRecord> o = SrvOrder.order(records, random);
            if (o.get(0).target().equals("a.example")) {
                aFirst++;
                if (o.get(1).target().equals("b.example")) {
                    bSecond++;
                }
            }
        }
        assertThat((double) bSecond / aFirst).isCloseTo(19.0 / 22, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void weightZeroHasAVerySmallChanceBesideWeightedRecords() {
        List<SrvRecord> records = List.of(
                new SrvRecord(0, 0, 5060, "zero.example"),
                new SrvRecord(0, 100, 5060, "hundred.example"));
        Map<String, Double> first = firstPickShares(records, new SplittableRandom(3));
        // RFC 2782: picked first only when the draw is exactly 0, i.e. 1 in 101.
        assertThat(first.getOrDefault("zero.example", 0.0)).isBetween(0.004, 0.016);
    }

    @Test
    void allZeroWeightsShareTheLoadEvenly() {
        List<SrvRecord> records = List.of(
                new SrvRecord(0, 0, 5060, "a.example"),
                new SrvRecord(0, 0, 5060, "b.example"),
                new SrvRecord(0, 0, 5060, "c.example"));
        Map<String, Double> first = firstPickShares(records, new SplittableRandom(11));
        assertThat(first.values()).allSatisfy(share -> assertThat(share).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.02)));
    }

    @Test
    void theDotTargetMeansServiceUnavailable() {
        List<SrvRecord> dot = List.of(new SrvRecord(0, 0, 0, "."));
        assertThat(SrvOrder.serviceUnavailable(dot)).isTrue();
        assertThat(SrvOrder.order(dot, new SplittableRandom(1))).isEmpty();

        List<SrvRecord> mixed = List.of(new SrvRecord(0, 0, 0, "."), new SrvRecord(1, 1, 5060, "sip.example."));
        assertThat(SrvOrder.serviceUnavailable(mixed)).isFalse();
        assertThat(SrvOrder.order(mixed, new SplittableRandom(1))).extracting(SrvRecord::target).containsExactly("sip.example");
    }

    @Test
    void theOrderIsAPermutationByNonDecreasingPriority() {
        qt().withFixedSeed(20250301L).withExamples(500)
                .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(0, 8),
                        lists().of(integers().between(0, 5)).ofSizeBetween(8, 8), longs().all())
                .checkAssert((priorities, weights, seed) -> {
                    List<SrvRecord> records = new ArrayList<>();
                    for (int i = 0; i < priorities.size(); i++) {
                        records.add(new SrvRecord(priorities.get(i), weights.get(i), 5060 + i, "t" + i + ".example"));
                    }
                    List<SrvRecord> ordered = SrvOrder.order(records, new SplittableRandom(seed));
                    assertThat(ordered).containsExactlyInAnyOrderElementsOf(records);
                    for (int i = 1; i < ordered.size(); i++) {
                        assertThat(ordered.get(i).priority()).isGreaterThanOrEqualTo(ordered.get(i - 1).priority());
                    }
                });
    }

    private static Map<String, Double> firstPickShares(List<SrvRecord> records, SplittableRandom random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(SrvOrder.order(records, random).getFirst().target(), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((k, v) -> shares.put(k, (double) v / DRAWS));
        return shares;
    }
}
