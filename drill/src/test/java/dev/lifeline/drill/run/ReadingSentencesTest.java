package dev.lifeline.drill.run;

import static dev.lifeline.drill.run.Observations.heard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.lab.wan.Direction;
import dev.lifeline.drill.report.Figures;
import dev.lifeline.drill.report.Reading;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.ScenarioResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sentence of a reading checked against the metrics it says it is built from, for each
 * built-in scenario as measured from synthetic observations: with nothing attempted, and with
 * calls placed and a failover seen. A sentence states only measured metrics, every number in it
 * is one of theirs, and it speaks of a kind of call only when calls of that kind were attempted.
 */
class ReadingSentencesTest {

    /** Words in readings whose digits are no figure. */
    private static final List<String> LITERALS = List.of("95 % of calls", "ITU-T G.107", "wan1", "wan2");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w])");

    static Stream<ScenarioReport> reports() {
        return BuiltInSuite.all().stream().flatMap(s -> Stream.of(nothingAttempted(s), busy(s)));
    }

    /** The scenario's timeline applied, and nothing else seen: no call placed, no packet, no event. */
    private static ScenarioReport nothingAttempted(Scenario s) {
        return report(s, Observations.of(s));
    }

    /** Calls placed and answered, the trunk moving to wan2 and back, the gateway's own word on wan1. */
    private static ScenarioReport busy(Scenario s) {
        Observations o = Observations.of(s).registerAccepted("wan1", -20)
                .packet("wan1", 0.5, Direction.UPSTREAM, PathPacket.Kind.RTP, "")
                .registerSent("wan2", 2.6).registerAccepted("wan2", 2.62).registerAccepted("wan1", 19)
                .event(new dev.lifeline.gateway.events.Event.PathStateChanged(Observations.t(2.55), "wan1", "down", "silent"))
                .call(heard(0, 0.2, 30, 10))
                .call(Observations.answered(CallOutcome.Kind.EMERGENCY, "911", 4, 0.3, 3, 3, false,
                        Optional.of(Observations.quality(150, 0))))
                .call(Observations.answered(CallOutcome.Kind.INBOUND, "+15550100", 5, 0.4, 3, 3, false,
                        Optional.of(Observations.quality(150, 0))))
                .call(Observations.failed(CallOutcome.Kind.OUTBOUND, "+15557000", 6, "503 Service Unavailable"));
        return report(s, o);
    }

    private static ScenarioReport report(Scenario s, Observations o) {
        Metrics m = Measurements.of(o.observed());
        List<SloLine> lines = ScenarioResult.judge(s, m).slos().stream().map(r -> new SloLine(r.slo().name(),
                r.slo().describeTarget(), r.measured().isPresent() ? Double.toString(r.measured().getAsDouble()) : r.reason(),
                r.pass())).toList();
        return ScenarioReport.completed(s.name(), m.values(), lines, List.of(), Measurements.series(o.observed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void eachSentenceStatesOnlyWhatItsMetricsMeasured(ScenarioReport r) {
        Map<String, Double> metrics = r.metrics();
        for (Reading.Sentence sentence : Reading.sentences(r)) {
            String text = sentence.text();
            if (sentence.from().isEmpty()) {
                assertThat(text).as("the sentence on the SLOs").matches("(All \\d+ checks held|The one check held|Not met: .*"
                        + "|No expectations were checked)\\.");
                continue;
            }
            assertThat(metrics.keySet()).as("metrics of \"%s\"", text).containsAll(sentence.from());
            assertThat(numbers(text)).as("figures in \"%s\" from %s", text, sentence.from())
                    .isSubsetOf(renderings(sentence.from(), metrics));
            for (String metric : sentence.from()) {
                if (metric.endsWith("_attempted") && metrics.get(metric) == 0) {
                    assertThat(sentence.from()).as("\"%s\" speaks of calls not attempted", text)
                            .contains(metric.replace("_attempted", "_planned"));
                }
            }
        }
        // What the reading says of calls, apart from naming the SLOs not met.
        String reading = String.join(" ", Reading.sentences(r).stream().filter(x -> !x.from().isEmpty())
                .map(Reading.Sentence::text).toList());
        if (metrics.getOrDefault(Metrics.EMERGENCY_ATTEMPTED, 0.0) == 0) {
            assertThat(reading).doesNotContainIgnoringCase("emergency");
        }
        if (metrics.getOrDefault(Metrics.INBOUND_ATTEMPTED, 0.0) == 0) {
            assertThat(reading).doesNotContainIgnoringCase("inbound");
        }
        if (metrics.getOrDefault(Metrics.CALLS_ATTEMPTED, 0.0) == 0) {
            assertThat(reading).doesNotContain("calls placed", "call placed connected", "set up within");
        }
    }

    private static Set<String> numbers(String text) {
        String t = text;
        for (String literal : LITERALS) {
            t = t.replace(literal, "");
        }
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(t);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Every way a report writes these metrics' values (and the loss a loss step's name carries). */
    private static Set<String> renderings(List<String> names, Map<String, Double> metrics) {
        Set<String> out = new HashSet<>();
        for (String name : names) {
            double v = metrics.get(name);
            for (int d = 0; d <= 2; d++) {
                out.add(Figures.plain(v, d));
            }
            out.add(Figures.mos(v));
            out.add(Figures.seconds(v).replace(" s", ""));
            Matcher loss = Pattern.compile("loss_(\\d+(?:p\\d+)?)_pct").matcher(name);
            if (loss.find()) {
                out.add(loss.group(1).replace('p', '.'));
            }
        }
        return out;
    }
}
