package dev.lifeline.drill.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario judged: what was measured, each SLO's result and the verdict.
 *
 * @param scenario the scenario's name
 * @param verdict  {@link Verdict#ERROR} when {@code error} is present, else from the SLO results
 * @param metrics  what the run measured (possibly partial when it failed)
 * @param slos     one result per SLO of the scenario, in its order
 * @param error    why the run itself failed, one line for the engineer; empty when it ran
 */
public record ScenarioResult(String scenario, Verdict verdict, Metrics metrics, List<SloResult> slos,
                             Optional<String> error) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(metrics, "metrics");
        slos = List.copyOf(slos);
        Objects.requireNonNull(error, "error");
        Verdict expected = Verdict.of(slos, error.isPresent());
        if (verdict != expected) {
            throw new IllegalArgumentException("verdict " + verdict + " does not follow from the results ("
                    + expected + ")");
        }
    }

    /** The scenario ran: its SLOs are judged against {@code metrics}. */
    public static ScenarioResult judge(Scenario scenario, Metrics metrics) {
        List<SloResult> results = scenario.evaluate(metrics);
        return new ScenarioResult(scenario.name(), Verdict.of(results), metrics, results, Optional.empty());
    }

    /** The run failed with {@code error}; SLOs are still judged on what was measured, for the report. */
    public static ScenarioResult error(Scenario scenario, Metrics partial, String error) {
        Checks.text("error", error);
        List<SloResult> results = scenario.evaluate(partial);
        return new ScenarioResult(scenario.name(), Verdict.ERROR, partial, results, Optional.of(error));
    }
}
