package dev.lifeline.drill.scenario;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One SLO judged against a run's metrics.
 *
 * @param slo      the expectation
 * @param measured the metric's value, empty when it was not measured
 * @param pass     whether the expectation held (never when not measured)
 * @param reason   one line for reports: "not measured", or the measured value against the target,
 *                 e.g. "1.4 s, expected <= 1 s"
 */
public record SloResult(Slo slo, OptionalDouble measured, boolean pass, String reason) {

    /** The reason given when the metric is absent. */
    public static final String NOT_MEASURED = "not measured";

    public SloResult {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(reason, "reason");
        if (pass && measured.isEmpty()) {
            throw new IllegalArgumentException("SLO " + slo.name() + " cannot pass without a measurement");
        }
    }

    /** Judges {@code slo} against {@code metrics}: absent metric = fail, "not measured". */
    public static SloResult evaluate(Slo slo, Metrics metrics) {
        OptionalDouble value = metrics.get(slo.metric());
        if (value.isEmpty()) {
            return new SloResult(slo, value, false, NOT_MEASURED);
        }
        double m = value.getAsDouble();
        boolean pass = slo.comparator().holds(m, slo.target());
        String reason = pass ? slo.withUnit(m) + " " + slo.describeTarget()
                : slo.withUnit(m) + ", expected " + slo.describeTarget();
        return new SloResult(slo, value, pass, reason);
    }
}
