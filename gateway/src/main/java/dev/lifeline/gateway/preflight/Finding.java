package dev.lifeline.gateway.preflight;

import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param check    the check's name, e.g. "resolver", "srv", "options"
 * @param scope    what it was about: a path name ("wan1"), or "site"
 * @param verdict  pass, warn, fail or skip
 * @param observed what was seen and where it was observed, e.g. "127.0.0.21:5353 answered in 3 ms (from 127.0.0.11)"
 * @param fix      one line saying what to change; empty when nothing needs fixing
 */
public record Finding(String check, String scope, Verdict verdict, String observed, String fix) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(fix, "fix");
    }

    static Finding pass(String check, String scope, String observed) {
        return new Finding(check, scope, Verdict.PASS, observed, "");
    }

    static Finding warn(String check, String scope, String observed, String fix) {
        return new Finding(check, scope, Verdict.WARN, observed, fix);
    }

    static Finding fail(String check, String scope, String observed, String fix) {
        return new Finding(check, scope, Verdict.FAIL, observed, fix);
    }

    static Finding skip(String check, String scope, String why) {
        return new Finding(check, scope, Verdict.SKIP, why, "");
    }

    /** The one line a table shows: the fix when there is one, else what was observed. */
    public String line() {
        return fix.isEmpty() ? observed : observed + " — " + fix;
    }
}
