package dev.lifeline.drill.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.scenario.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal summary table and the plain-language reading. */
class SummaryAndReadingTest {

    @Test
    void theSummaryTableHasARowPerScenarioAndTotals() {
        String table = SummaryTable.format(SampleReports.report());

        assertThat(table).isEqualTo("""
                scenario        verdict  SLOs  key figures
                wan-total-loss  pass     4/4   detection 0.61 s, re-registered 0.62 s, audio gap 1.2 s, dropped calls 0
                dns-failure     FAIL     0/2   setup p95 2400 ms
                reboot-storm    ERROR    -     error: gateway did not start: port 5060 in use

                3 scenarios: 1 passed, 1 failed, 1 error
                """);
    }

    @Test
    void theReadingOfAFailoverStatesWhatUsersFeltWithNumbers() {
        String reading = Reading.of(SampleReports.wanTotalLoss());

        assertThat(reading).startsWith("Phones on wan1 lost audio for 1.2 s when wan1 failed; "
                + "the gateway's first call or request over wan2 left 0.61 s after the failure; "
                + "the trunk was registered again over wan2 0.62 s after the failure; calls were not dropped.");
        assertThat(reading).contains("The trunk registered through wan1 again 10.4 s after it was restored.");
        assertThat(reading).contains("The one call placed connected.");
        assertThat(reading).contains("Call quality as the phones estimated it: MOS-CQE 4.10 at worst, 4.32 on average (users satisfied).");
        assertThat(reading).endsWith("All 4 checks held.");
    }

    @Test
    void theReadingNamesTheChecksThatWereNotMet() {
        String reading = Reading.of(SampleReports.dnsFailure());

        assertThat(reading).contains("3 of 20 calls placed did not connect.");
        assertThat(reading).contains("95 % of calls were set up within 2400 ms.");
        assertThat(reading).contains("Not met: call_setup_p95_ms (expected <= 1500 ms, measured 2400 ms); "
                + "calls_failed (expected <= 0, measured 3).");
    }

    @Test
    void theReadingOfAnErrorSaysNothingCanBeConcluded() {
        assertThat(Reading.of(SampleReports.rebootStorm()))
                .startsWith("The scenario could not run to its end: gateway did not start: port 5060 in use.")
                .contains("says nothing about what users would experience");
    }

    @Test
    void withoutPathTimelinesTheReadingStaysGeneral() {
        ScenarioReport s = ScenarioReport.completed("custom", Map.of(Metrics.AUDIO_GAP_S, 0.0, Metrics.CALLS_DROPPED, 2.0,
                Metrics.EMERGENCY_ATTEMPTED, 1.0, Metrics.EMERGENCY_CONNECTED, 1.0), List.of(), List.of(), List.of());

        assertThat(Reading.of(s)).isEqualTo("Calls up at the fault heard no gap in audio after it; 2 calls were dropped. "
                + "The emergency call placed during the test connected. No expectations were checked.");
    }

    @Test
    void sloLinesFormatTheirUnitsAndFailWhenNothingWasMeasured() {
        assertThat(SloLine.atMost("registration_recovery_s", 2, 0.62))
                .isEqualTo(new SloLine("registration_recovery_s", "<= 2 s", "0.62 s", true));
        assertThat(SloLine.atLeast("mos_min", 4, 3.9)).isEqualTo(new SloLine("mos_min", ">= MOS-CQE 4.00", "MOS-CQE 3.90", false));
        assertThat(SloLine.atMost("audio_gap_s", 1.5, Double.NaN)).isEqualTo(new SloLine("audio_gap_s", "<= 1.5 s", "not measured", false));
    }

    @Test
    void satisfactionBandsFollowG107() {
        assertThat(Reading.satisfaction(4.4)).isEqualTo("users very satisfied");
        assertThat(Reading.satisfaction(3.7)).isEqualTo("some users dissatisfied");
        assertThat(Reading.satisfaction(2.0)).isEqualTo("not usable for calls");
    }
}
