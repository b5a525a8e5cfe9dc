package dev.lifeline.gateway.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's charts: a bounded in-memory history of a few series (a path's R and loss,
 * active calls, MOS), one sample per {@code interval} for {@code span}, per series at most
 * {@code span / interval} samples and at most {@code maxSeries} series, so memory is fixed
 * whatever runs in front of it. Pure: the caller says when; samples offered sooner than
 * {@code interval} after the last kept one are ignored. Not persisted — a restart starts empty,
 * as the page says. Thread-safe.
 */
public final class DashboardHistory {

    /** One sample; {@code value} is NaN when the figure was unknown then (a gap in the chart). */
    public record Point(Instant at, double value) {
    }

    private final Duration interval;
    private final int capacity;
    private final int maxSeries;
    private final Map<String, Ring> series = new LinkedHashMap<>();
    private Instant last;

    public DashboardHistory(Duration interval, Duration span, int maxSeries) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(span, "span");
        if (interval.isNegative() || interval.isZero() || span.compareTo(interval) < 0 || maxSeries < 1) {
            throw new IllegalArgumentException("history needs interval > 0, span >= interval, maxSeries >= 1; got "
                    + interval + ", " + span + ", " + maxSeries);
        }
        this.interval = interval;
        this.capacity = Math.toIntExact(span.toMillis() / interval.toMillis());
        this.maxSeries = maxSeries;
    }

    /** The default: one sample every 10 s for 6 h (2,160 per series), at most 64 series. */
    public static DashboardHistory standard() {
        return new DashboardHistory(Duration.ofSeconds(10), Duration.ofHours(6), 64);
    }

    public Duration interval() {
        return interval;
    }

    /** Samples kept per series at most. */
    public int capacity() {
        return capacity;
    }

    /**
     * Records {@code values} as taken at {@code now}, if {@code interval} has passed since the
     * last kept sample (or none was kept). A series not seen before is added while fewer than
     * {@code maxSeries} exist; beyond, its values are not kept.
     *
     * @return whether the sample was kept
     */
    public synchronized boolean offer(Instant now, Map<String, Double> values) {
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        last = now;
        values.forEach((name, value) -> {
            Ring ring = series.get(name);
            if (ring == null && series.size() < maxSeries) {
                ring = new Ring(capacity);
                series.put(name, ring);
            }
            if (ring != null) {
                ring.add(new Point(now, value == null ? Double.NaN : value));
            }
        });
        return true;
    }

    /** Each series' samples, oldest first. */
    public synchronized Map<String, List<Point>> snapshot() {
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        series.forEach((name, ring) -> copy.put(name, ring.toList()));
        return copy;
    }

    /** A fixed-size ring of points: the oldest is overwritten once full. */
    private static final class Ring {
        private final Point[] points;
        private int next;
        private int size;

        Ring(int capacity) {
            points = new Point[capacity];
        }

        void add(Point p) {
            points[next] = p;
            next = (next + 1) % points.length;
            size = Math.min(size + 1, points.length);
        }

        List<Point> toList() {
            List<Point> list = new ArrayList<>(size);
            int start = (next - size + points.length) % points.length;
            for (int i = 0; i < size; i++) {
                list.add(points[(start + i) % points.length]);
            }
            return list;
        }
    }
}
