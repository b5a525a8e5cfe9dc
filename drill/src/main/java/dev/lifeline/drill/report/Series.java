package dev.lifeline.drill.report;

import java.util.List;
import java.util.Objects;

/**
 * A timeline to chart: values at offsets from the scenario's start. The unit decides how
 * the HTML report draws it: {@link #UNIT_STATE} as an up/down band per path, {@link #UNIT_COUNT}
 * as a step line (registrations), {@link #UNIT_MOS} as a line on the 1–5 MOS scale; any other
 * unit gets a panel of its own. A value holds until the next point.
 *
 * @param name   what is measured, e.g. the path name "wan1", "registrations", "call 1 (1001 → provider)"
 * @param unit   {@code state}, {@code count}, {@code MOS} or another unit
 * @param points in time order
 */
public record Series(String name, String unit, List<Point> points) {

    /** 1 = up, 0 = down. */
    public static final String UNIT_STATE = "state";
    /** A number of things, e.g. registered phones or trunk registrations. */
    public static final String UNIT_COUNT = "count";
    /** E-model MOS, 1 to 4.5. */
    public static final String UNIT_MOS = "MOS";

    /**
     * One sample.
     *
     * @param tMillis milliseconds since the scenario started
     * @param value   the value from then until the next point
     */
    public record Point(long tMillis, double value) {
        public Point {
            if (tMillis < 0) {
                throw new IllegalArgumentException("series point at " + tMillis + " ms is negative; offsets run from the scenario's start");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("series point at " + tMillis + " ms has no finite value (" + value + "); leave the point out");
            }
        }
    }

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).tMillis() < points.get(i - 1).tMillis()) {
                throw new IllegalArgumentException("series '" + name + "' goes back in time at point " + i
                        + " (" + points.get(i).tMillis() + " ms after " + points.get(i - 1).tMillis() + " ms); give points in time order");
            }
        }
    }

    /** A path's state over time: 1 up, 0 down. */
    public static Series pathState(String path, List<Point> points) {
        return new Series(path, UNIT_STATE, points);
    }

    /** A registration count over time (phones, or trunk registrations). */
    public static Series registrations(String name, List<Point> points) {
        return new Series(name, UNIT_COUNT, points);
    }

    /** One call's MOS over time. */
    public static Series callMos(String call, List<Point> points) {
        return new Series(call, UNIT_MOS, points);
    }

    /** The last offset in the series, 0 when empty. */
    public long endMillis() {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).tMillis();
    }
}
