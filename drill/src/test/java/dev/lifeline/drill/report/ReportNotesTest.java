package dev.lifeline.drill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notes about a run as a whole: written after "format" only when present, read back, shown in the page. */
class ReportNotesTest {

    private static final DrillReport PLAIN = new DrillReport("netns", Instant.parse("2026-12-06T20:00:00Z"), "site.yaml",
            List.of(ScenarioReport.failedToRun("wan-total-loss", "no kamailio", List.of(), List.of())));

    @Test
    void aReportWithoutNotesIsWrittenAsBefore() {
        assertThat(ReportJson.toJson(PLAIN)).doesNotContain("notes").contains("\"format\"");
    }

    @Test
    void notesComeAfterTheFormatAndReadBack() throws Exception {
        DrillReport noted = PLAIN.withNotes(List.of("Stays in-process: dns-failure — faults the resolvers <here>."));

        String json = ReportJson.toJson(noted);

        assertThat(json.indexOf("\"notes\"")).isGreaterThan(json.indexOf("\"format\""));
        assertThat(ReportJson.parse("report.json", json).notes()).isEqualTo(noted.notes());
        assertThat(ReportHtml.render(noted)).contains("<h2>Notes</h2>").contains("faults the resolvers &lt;here&gt;.");
        assertThat(ReportHtml.render(PLAIN)).doesNotContain("<h2>Notes</h2>");
    }
}
