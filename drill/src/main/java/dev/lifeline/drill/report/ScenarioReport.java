package dev.lifeline.drill.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scenario of a drill found. Filled by the runner; read by {@link ReportJson},
 * {@link ReportHtml}, {@link SummaryTable} and the runbook.
 *
 * @param name     the scenario's stable name, e.g. {@code wan-total-loss}
 * @param verdict  pass, fail or error
 * @param metrics  measured numbers by name, in the order to show them; names carry their unit
 *                 ({@code _s}, {@code _ms}; see {@link dev.lifeline.drill.scenario.Metrics}); a value the lab could not observe
 *                 is left out, never NaN
 * @param slos     the expectations checked, in the order checked
 * @param events   what happened, in time order
 * @param series   timelines to chart (path states, registrations, per-call MOS)
 * @param reading  what users would have experienced, in plain language (see {@link Reading#of});
 *                 empty when the runner wrote none
 * @param error    why the scenario could not run to its end; present exactly when the verdict is ERROR
 */
public record ScenarioReport(String name, Verdict verdict, Map<String, Double> metrics, List<SloLine> slos,
                             List<ReportEvent> events, List<Series> series, String reading,
                             Optional<String> error) {

    public ScenarioReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        metrics.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("scenario '" + name + "': metric " + k + " is " + v
                        + "; leave a metric out when the lab could not measure it");
            }
        });
        slos = List.copyOf(slos);
        events = List.copyOf(events);
        series = List.copyOf(series);
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(error, "error");
        if ((verdict == Verdict.ERROR) != error.isPresent()) {
            throw new IllegalArgumentException("scenario '" + name + "': verdict " + verdict.jsonName()
                    + (error.isPresent() ? " with an error message; only an error verdict carries one"
                                         : " needs an error message saying what broke"));
        }
    }

    /** A scenario that ran to its end: the verdict follows from the SLOs; no reading yet. */
    public static ScenarioReport completed(String name, Map<String, Double> metrics, List<SloLine> slos,
                                           List<ReportEvent> events, List<Series> series) {
        return new ScenarioReport(name, Verdict.of(slos), metrics, slos, events, series, "", Optional.empty());
    }

    /** A scenario that could not run to its end, with what was recorded until then. */
    public static ScenarioReport failedToRun(String name, String error, List<ReportEvent> events, List<Series> series) {
        return new ScenarioReport(name, Verdict.ERROR, Map.of(), List.of(), events, series, "", Optional.of(error));
    }

    /** A copy with the reading replaced. */
    public ScenarioReport withReading(String text) {
        return new ScenarioReport(name, verdict, metrics, slos, events, series, text, error);
    }

    /** A copy whose reading is {@link Reading#of} this report. */
    public ScenarioReport withGeneratedReading() {
        return withReading(Reading.of(this));
    }

    /** The metric's value when it was measured. */
    public Optional<Double> metric(String metricName) {
        return Optional.ofNullable(metrics.get(metricName));
    }

    /** The reading, or one written by {@link Reading#of} when the runner left it empty. */
    public String readingOrGenerated() {
        return reading.isBlank() ? Reading.of(this) : reading;
    }
}
