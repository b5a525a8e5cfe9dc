package dev.lifeline.drill.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a scenario's timeline.
 *
 * @param at     when, counted from the scenario's start (the phones are registered and the
 *               gateway's paths are up by then); whole milliseconds
 * @param action what the lab does at that instant
 */
public record Step(Duration at, Action action) {

    public Step {
        Checks.notNegative("at", at);
        Objects.requireNonNull(action, "action");
    }

    /** When this step's action has run its course: {@code at + action.span()}. */
    public Duration end() {
        return at.plus(action.span());
    }

    /** "+5s blackhole wan1", for progress output. */
    public String describe() {
        return "+" + Checks.format(at) + " " + action.describe();
    }
}
