package dev.lifeline.gateway.preflight;

import java.util.List;

/** Every finding of one preflight run, in the order the checks ran (per path, then the site). */
public record PreflightReport(List<Finding> findings) {

    public PreflightReport {
        findings = List.copyOf(findings);
    }

    public long count(Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).count();
    }

    /** True when nothing failed; warnings are allowed. */
    public boolean passed() {
        return count(Verdict.FAIL) == 0;
    }

    /** The findings of one check (and scope, when given). */
    public List<Finding> of(String check, String scope) {
        return findings.stream().filter(f -> f.check().equals(check) && (scope == null || f.scope().equals(scope)))
                .toList();
    }

    /** "12 pass, 1 warn, 0 fail, 1 skip". */
    public String summary() {
        return count(Verdict.PASS) + " pass, " + count(Verdict.WARN) + " warn, " + count(Verdict.FAIL) + " fail, "
                + count(Verdict.SKIP) + " skip";
    }
}
