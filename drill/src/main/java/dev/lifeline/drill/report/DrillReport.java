package dev.lifeline.drill.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one drill run: the top of report.json.
 *
 * @param suite     which suite ran, e.g. "default", "quick" or "custom"
 * @param started   when the run started (wall clock)
 * @param config    the site file the gateway ran with, as given on the command line
 * @param scenarios in the order they ran
 * @param notes     what the reader must know about the run as a whole, one line each (e.g. which
 *                  built-in scenarios the kernel-level lab left to the in-process one, and why); often none
 */
public record DrillReport(String suite, Instant started, String config, List<ScenarioReport> scenarios,
                          List<String> notes) {

    public DrillReport {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(config, "config");
        scenarios = List.copyOf(scenarios);
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public DrillReport(String suite, Instant started, String config, List<ScenarioReport> scenarios) {
        this(suite, started, config, scenarios, List.of());
    }

    /** A copy with these notes. */
    public DrillReport withNotes(List<String> lines) {
        return new DrillReport(suite, started, config, scenarios, lines);
    }

    /** The scenario with that name, if it ran. */
    public Optional<ScenarioReport> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** ERROR when any scenario erred, else FAIL when any failed, else PASS. */
    public Verdict verdict() {
        Verdict worst = Verdict.PASS;
        for (ScenarioReport s : scenarios) {
            if (s.verdict().ordinal() > worst.ordinal()) {
                worst = s.verdict();
            }
        }
        return worst;
    }

    /** The drill command's exit status: 0 when every SLO holds, 1 when one fails, 2 on error. */
    public int exitCode() {
        return verdict().ordinal();
    }
}
