package dev.lifeline.gateway.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The order in which SRV targets are tried (RFC 2782, "Usage rules"), as a pure function of the
 * records and an injected random source.
 *
 * <p>Lower priority first. Within one priority the next record is drawn with probability
 * proportional to its weight: records are put in a random order with those of weight 0 first,
 * a number is drawn uniformly from 0 to the sum of the remaining weights inclusive, and the
 * first record whose running sum is at least that number is taken; repeat until none remain.
 * So a weight-0 record is picked ahead of weighted ones only when the draw is exactly 0 (a
 * "very small chance", as the RFC asks), and a priority whose records all have weight 0 comes
 * out in a uniformly random order. Records with the "." target are dropped: on their own they
 * mean the service is not available ({@link #serviceUnavailable}), and mixed with others they
 * name nothing that could be tried.
 */
public final class SrvOrder {

    private SrvOrder() {
    }

    /** The records in the order to try them; "." targets removed. */
    public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        TreeMap<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            if (!r.isUnavailable()) {
                byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
            }
        }
        List<SrvRecord> ordered = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            ordered.addAll(orderByWeight(group, random));
        }
        return List.copyOf(ordered);
    }

    /**
     * True when the answer says the service is not offered: a single SRV record whose target
     * is "." (RFC 2782).
     */
    public static boolean serviceUnavailable(List<SrvRecord> records) {
        return records.size() == 1 && records.getFirst().isUnavailable();
    }

    private static List<SrvRecord> orderByWeight(List<SrvRecord> group, RandomGenerator random) {
        List<SrvRecord> remaining = new ArrayList<>(group);
        // "Arrange ... in any order, except that all those with weight 0 are placed at the
        // beginning": a shuffle first, so that equal records share the load, then a stable sort.
        shuffle(remaining, random);
        remaining.sort(Comparator.comparingInt(r -> r.weight() == 0 ? 0 : 1));
        List<SrvRecord> out = new ArrayList<>(group.size());
        while (!remaining.isEmpty()) {
            long sum = 0;
            for (SrvRecord r : remaining) {
                sum += r.weight();
            }
            long draw = random.nextLong(sum + 1);
            long running = 0;
            int chosen = remaining.size() - 1;
            for (int i = 0; i < remaining.size(); i++) {
                running += remaining.get(i).weight();
                if (running >= draw) {
                    chosen = i;
                    break;
                }
            }
            out.add(remaining.remove(chosen));
        }
        return out;
    }

    private static void shuffle(List<SrvRecord> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }
}
