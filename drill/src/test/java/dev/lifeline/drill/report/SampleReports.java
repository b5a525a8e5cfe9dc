package dev.lifeline.drill.report;

import dev.lifeline.drill.scenario.Metrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Drill reports as a runner would fill them, for the report and runbook tests. */
public final class SampleReports {

    private SampleReports() {
    }

    /** wan-total-loss, passing: wan1 blackholed at 5 s, registered over wan2 0.62 s later. */
    public static ScenarioReport wanTotalLoss() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.DETECTION_S, 0.61);
        m.put(Metrics.REGISTRATION_RECOVERY_S, 0.62);
        m.put(Metrics.AUDIO_GAP_S, 1.2);
        m.put(Metrics.CALLS_DROPPED, 0.0);
        m.put(Metrics.CALLS_ATTEMPTED, 1.0);
        m.put(Metrics.CALLS_COMPLETED, 1.0);
        m.put(Metrics.CALLS_FAILED, 0.0);
        m.put(Metrics.MOS_MIN, 4.1);
        m.put(Metrics.MOS_MEAN, 4.32);
        m.put(Metrics.FAILBACK_S, 10.4);
        List<SloLine> slos = List.of(
                SloLine.atMost(Metrics.DETECTION_S, 1, 0.61),
                SloLine.atMost(Metrics.REGISTRATION_RECOVERY_S, 2, 0.62),
                SloLine.atMost(Metrics.AUDIO_GAP_S, 1.5, 1.2),
                new SloLine("calls_dropped", "0", "0", true));
        List<ReportEvent> events = List.of(
                new ReportEvent(1000, ReportEvent.TYPE_CALL, "call 1 answered (1001 → +15550123)"),
                new ReportEvent(5000, ReportEvent.TYPE_FAULT, "wan1 blackholed (both directions)"),
                new ReportEvent(5610, ReportEvent.TYPE_PATH_DOWN, "gateway: wan1 down (probe stream silent 600 ms)"),
                new ReportEvent(5620, ReportEvent.TYPE_REGISTERED, "provider: trunk REGISTER 200 OK via wan2"),
                new ReportEvent(15000, ReportEvent.TYPE_RESTORE, "wan1 restored"));
        List<Series> series = List.of(
                Series.pathState("wan1", List.of(new Series.Point(0, 1), new Series.Point(5610, 0), new Series.Point(25400, 1))),
                Series.pathState("wan2", List.of(new Series.Point(0, 1))),
                Series.registrations("registrations", List.of(new Series.Point(0, 10), new Series.Point(5000, 0),
                        new Series.Point(5620, 10))),
                Series.callMos("call 1", List.of(new Series.Point(2000, 4.35), new Series.Point(6000, 4.1),
                        new Series.Point(8000, 4.33))));
        return ScenarioReport.completed("wan-total-loss", m, slos, events, series).withGeneratedReading();
    }

    /** dns-failure, failing one SLO. */
    public static ScenarioReport dnsFailure() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.CALL_SETUP_P95_MS, 2400.0);
        m.put(Metrics.CALLS_ATTEMPTED, 20.0);
        m.put(Metrics.CALLS_FAILED, 3.0);
        List<SloLine> slos = List.of(
                SloLine.atMost(Metrics.CALL_SETUP_P95_MS, 1500, 2400),
                SloLine.atMost(Metrics.CALLS_FAILED, 0, 3));
        return ScenarioReport.completed("dns-failure", m, slos,
                List.of(new ReportEvent(2000, ReportEvent.TYPE_FAULT, "resolver of wan1 answers SERVFAIL")), List.of());
    }

    /** reboot-storm, which could not run. */
    public static ScenarioReport rebootStorm() {
        return ScenarioReport.failedToRun("reboot-storm", "gateway did not start: port 5060 in use",
                List.of(new ReportEvent(0, ReportEvent.TYPE_STEP, "restart gateway")), List.of());
    }

    public static DrillReport report() {
        return new DrillReport("default", Instant.parse("2026-03-01T09:00:00Z"), "examples/site.yaml",
                List.of(wanTotalLoss(), dnsFailure(), rebootStorm()));
    }
}
