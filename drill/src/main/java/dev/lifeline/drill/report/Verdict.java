package dev.lifeline.drill.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A scenario's outcome, written in report.json as {@code "pass"}, {@code "fail"} or {@code "error"}. */
public enum Verdict {
    /** The scenario ran to its end and every SLO held. */
    PASS,
    /** The scenario ran to its end and at least one SLO did not hold. */
    FAIL,
    /** The scenario could not run to its end (the lab or gateway broke); its SLOs say nothing. */
    ERROR;

    /** The form used in report.json and in summaries: "pass", "fail", "error". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the report.json form; empty for anything else. */
    public static Optional<Verdict> fromJson(String text) {
        for (Verdict v : values()) {
            if (v.jsonName().equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** PASS when every line holds (also when there are none), else FAIL. */
    public static Verdict of(List<SloLine> slos) {
        return slos.stream().allMatch(SloLine::pass) ? PASS : FAIL;
    }
}
