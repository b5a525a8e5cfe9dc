package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.report.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the tests of the drills judge a drill's result against a gateway made to misbehave: it must
 * fail, and only on the SLOs the test names. An SLO that failed because its figure was not
 * measured counts as a failure only where the test says that is what the fault looks like
 * ({@link #orNotMeasured}): a drill that merely saw nothing has not caught anything.
 */
final class DrillAssertions {

    /** An SLO the test expects may fail; {@code notMeasuredCounts}: failing as "not measured" is a catch too. */
    record Failing(String slo, boolean notMeasuredCounts) {
    }

    private DrillAssertions() {
    }

    /** {@code slo} may fail on a measured value. */
    static Failing on(String slo) {
        return new Failing(slo, false);
    }

    /** {@code slo} may fail on a measured value or as not measured (the fault leaves nothing to measure). */
    static Failing orNotMeasured(String slo) {
        return new Failing(slo, true);
    }

    /**
     * The drill failed; every SLO that failed is one of {@code expected} (which of them breaks
     * first may be a matter of timing); none failed as "not measured" unless the test allows it.
     */
    static void assertFailsOnlyOn(ScenarioReport result, Failing... expected) {
        Map<String, Failing> allowed = Arrays.stream(expected)
                .collect(Collectors.toMap(Failing::slo, Function.identity()));
        assertThat(result.error()).as("error").isEmpty();
        assertThat(result.verdict()).as("%s %s", result.slos(), result.metrics()).isEqualTo(Verdict.FAIL);
        List<SloLine> failed = result.slos().stream().filter(s -> !s.pass()).toList();
        assertThat(failed).as("failed SLOs").isNotEmpty();
        for (SloLine line : failed) {
            Failing f = allowed.get(line.name());
            assertThat(f).as("SLO '%s' failed (%s); the test expects failures only on %s; all: %s", line.name(),
                    line.measured(), allowed.keySet(), result.slos()).isNotNull();
            if (line.measured().startsWith(SloLine.NOT_MEASURED)) {
                assertThat(f.notMeasuredCounts()).as("SLO '%s' failed only as not measured; metrics %s", line.name(),
                        result.metrics()).isTrue();
            }
        }
    }
}
