package dev.lifeline.drill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html is one self-contained page with a chart per scenario and all text escaped. */
class ReportHtmlTest {

    @TempDir
    Path dir;

    @Test
    void thePageHasOneChartPerScenarioAndNoNetworkOrScripts() throws IOException {
        Path file = ReportHtml.write(SampleReports.report(), dir);
        String html = Files.readString(file);

        assertThat(file.getFileName()).hasToString("report.html");
        assertThat(count(html, "<svg ")).isEqualTo(3);
        assertThat(count(html, "</svg>")).isEqualTo(3);
        assertThat(count(html, "<section ")).isEqualTo(3);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import", "url(");
        assertThat(Tags.problems(html)).isEmpty();
    }

    @Test
    void theSummaryTableComesFirstWithVerdictsAndKeyFigures() {
        String html = ReportHtml.render(SampleReports.report());

        int summary = html.indexOf("<table class=\"summary\">");
        assertThat(summary).isPositive().isLessThan(html.indexOf("<section "));
        assertThat(html).contains("<tr class=\"pass\"><td><a href=\"#scenario-1-wan-total-loss\">wan-total-loss</a>");
        assertThat(html).contains("detection 0.61 s, re-registered 0.62 s, audio gap 1.2 s");
        assertThat(html).contains("<tr class=\"fail\"><td><a href=\"#scenario-2-dns-failure\">");
        assertThat(html).contains("error: gateway did not start: port 5060 in use");
    }

    @Test
    void theChartMarksPathStatesMosAndEvents() {
        String html = ReportHtml.render(SampleReports.report());
        String chart = html.substring(html.indexOf("<svg "), html.indexOf("</svg>"));

        assertThat(chart).contains("fill=\"" + TimelineChart.DOWN + "\"><title>wan1 down 5.61 s to 25.4 s</title>");
        assertThat(count(chart, "<g class=\"event\">")).isEqualTo(5);
        assertThat(chart).contains("#2 at 5 s fault: wan1 blackholed (both directions)");
        assertThat(chart).contains("<title>call 1</title></polyline>");
        assertThat(chart).contains(">registrations<");
    }

    @Test
    void theSloTableColoursPassAndFailRows() {
        String html = ReportHtml.render(SampleReports.report());

        assertThat(html).contains("<tr class=\"pass\"><td>detection_s</td><td>&lt;= 1 s</td><td>0.61 s</td><td>pass</td></tr>");
        assertThat(html).contains("<tr class=\"fail\"><td>call_setup_p95_ms</td><td>&lt;= 1500 ms</td><td>2400 ms</td><td>fail</td></tr>");
    }

    @Test
    void everyTextIsEscaped() {
        ScenarioReport evil = ScenarioReport.completed("<b>name</b>", java.util.Map.of("x_s", 1.0),
                        List.of(new SloLine("<i>slo</i>", "<= 1 s", "\"1\" & 'more'", true)),
                        List.of(new ReportEvent(10, "note", "<img src=x onerror=alert(1)>")),
                        List.of(Series.callMos("<script>", List.of(new Series.Point(0, 4)))))
                .withReading("Users heard <script>alert('x')</script> & more");
        DrillReport r = new DrillReport("<suite>", SampleReports.report().started(), "a&b.yaml", List.of(evil));

        String html = ReportHtml.render(r);

        assertThat(html).doesNotContain("<script", "<b>name", "<i>slo", "<img", "<suite>");
        assertThat(html).contains("Users heard &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        assertThat(html).contains("&quot;1&quot; &amp; &#39;more&#39;", "a&amp;b.yaml", "&lt;b&gt;name&lt;/b&gt;");
        assertThat(html).contains("id=\"scenario-1-b-name-b\"");
    }

    @Test
    void aScenarioWithoutTimelineStillGetsItsChartElement() {
        DrillReport r = new DrillReport("quick", SampleReports.report().started(), "site.yaml",
                List.of(ScenarioReport.completed("empty", java.util.Map.of(), List.of(), List.of(), List.of())));

        String html = ReportHtml.render(r);

        assertThat(count(html, "<svg ")).isEqualTo(1);
        assertThat(html).contains("No timeline was recorded.");
    }

    @Test
    void tickStepsKeepTheAxisReadable() {
        assertThat(TimelineChart.tickStep(1_000)).isEqualTo(100);
        assertThat(TimelineChart.tickStep(30_000)).isEqualTo(5_000);
        assertThat(TimelineChart.tickStep(300_000)).isEqualTo(30_000);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
