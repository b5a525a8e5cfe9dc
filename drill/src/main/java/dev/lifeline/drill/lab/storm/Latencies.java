package dev.lifeline.drill.lab.storm;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency samples in nanoseconds, recorded from any thread into a fixed array (the load is
 * bounded in count, so the array is too); percentiles are read once the run is over.
 */
public final class Latencies {

    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();

    public Latencies(int capacity) {
        samples = new long[capacity];
    }

    /** The samples of both, in a new instance. */
    public static Latencies merge(Latencies a, Latencies b) {
        int na = a.size();
        int nb = b.size();
        Latencies m = new Latencies(na + nb);
        System.arraycopy(a.samples, 0, m.samples, 0, na);
        System.arraycopy(b.samples, 0, m.samples, na, nb);
        m.count.set(na + nb);
        return m;
    }

    public int size() {
        return Math.min(count.get(), samples.length);
    }

    public void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = nanos;
        }
    }

    /** The p-th percentile (0–100) in milliseconds, NaN without samples. */
    public double percentileMillis(double p) {
        int n = size();
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    public Percentiles percentiles() {
        return new Percentiles(percentileMillis(50), percentileMillis(95), percentileMillis(99));
    }

    /** Milliseconds. */
    public record Percentiles(double p50, double p95, double p99) {
    }
}
