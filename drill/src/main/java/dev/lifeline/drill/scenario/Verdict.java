package dev.lifeline.drill.scenario;

import java.util.Collection;
import java.util.Locale;

/**
 * A scenario's outcome: every SLO held, one failed, or the run itself failed (the lab could not
 * start, a step could not be applied) so that its measurements mean nothing.
 */
public enum Verdict {
    PASS, FAIL, ERROR;

    /** PASS when every result passed, FAIL otherwise. */
    public static Verdict of(Collection<SloResult> results) {
        return results.stream().allMatch(SloResult::pass) ? PASS : FAIL;
    }

    /** ERROR when the run failed, whatever the results; otherwise {@link #of(Collection)}. */
    public static Verdict of(Collection<SloResult> results, boolean runFailed) {
        return runFailed ? ERROR : of(results);
    }

    /** The worst of several (ERROR over FAIL over PASS); PASS for none. */
    public static Verdict worst(Collection<Verdict> verdicts) {
        Verdict worst = PASS;
        for (Verdict v : verdicts) {
            if (v.ordinal() > worst.ordinal()) {
                worst = v;
            }
        }
        return worst;
    }

    /** The drill command's exit status for a suite whose worst verdict is this: 0, 1 or 2. */
    public int exitCode() {
        return ordinal();
    }

    /** "pass", "fail" or "error", as report.json writes it. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
