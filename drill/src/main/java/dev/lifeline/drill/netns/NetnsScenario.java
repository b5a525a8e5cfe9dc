package dev.lifeline.drill.netns;

import dev.lifeline.drill.scenario.Scenario;
import java.util.List;
import java.util.Objects;

/**
 * A built-in scenario as the kernel-level lab runs it: its timeline and SLOs reduced to what
 * this lab carries out and observes, the kernel fault standing for its blackhole, and what was
 * left out and why (shown in the report, so a reader never mistakes a skipped SLO for a held one).
 *
 * @param scenario the adapted scenario (same name, description and SLO targets as the built-in one)
 * @param fault    what {@code blackhole} means here
 * @param left     one line per step or SLO left out, with the reason
 */
public record NetnsScenario(Scenario scenario, KernelFault fault, List<String> left) {

    public NetnsScenario {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(fault, "fault");
        left = List.copyOf(left);
    }

    public String name() {
        return scenario.name();
    }
}
