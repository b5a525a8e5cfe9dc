package dev.lifeline.drill.report;

import java.util.Objects;

/**
 * One expectation a scenario checked, as shown to people: what was expected and what the lab
 * measured. The numbers behind a line live in the scenario's metrics; these strings carry
 * their units so that a table needs no knowledge of the metric.
 *
 * @param name     what is checked, usually a metric name, e.g. {@code detection_s}
 * @param target   the expectation with its unit, e.g. {@code "<= 1 s"} or {@code "connects"}
 * @param measured what the lab observed, with its unit, e.g. {@code "0.62 s"} or {@code "not measured"}
 * @param pass     whether the expectation held
 */
public record SloLine(String name, String target, String measured, boolean pass) {

    /** What {@link #measured} says when the lab could not observe the value at all. */
    public static final String NOT_MEASURED = "not measured";

    public SloLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(measured, "measured");
    }

    /**
     * {@code metric <= limit}, formatted with the unit the metric name carries ({@code _s},
     * {@code _ms}); NaN as {@code measured} means it was not observed, which fails.
     */
    public static SloLine atMost(String metric, double limit, double measured) {
        return compare(metric, "<= ", limit, measured, measured <= limit);
    }

    /** {@code metric >= limit}, like {@link #atMost}. */
    public static SloLine atLeast(String metric, double limit, double measured) {
        return compare(metric, ">= ", limit, measured, measured >= limit);
    }

    private static SloLine compare(String metric, String op, double limit, double measured, boolean holds) {
        boolean observed = Double.isFinite(measured);
        return new SloLine(metric, op + Figures.metric(metric, limit),
                observed ? Figures.metric(metric, measured) : NOT_MEASURED, observed && holds);
    }
}
