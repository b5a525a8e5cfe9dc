package dev.lifeline.drill.report;

import static dev.lifeline.drill.report.HtmlText.escape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html}: one self-contained page that opens offline — inline CSS, inline
 * SVG charts drawn by {@link TimelineChart}, no scripts, no fetches. At the top a summary
 * table; then per scenario its verdict, the plain-language reading, a timeline chart of path
 * states, registrations and per-call MOS with the events marked, the events, the SLO table
 * coloured by pass/fail, and the metrics. Every piece of text is escaped.
 */
public final class ReportHtml {

    /** The file name inside the output directory. */
    public static final String FILE_NAME = "report.html";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1000px;\
            padding:0 1rem;color:#212121;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin:2.2rem 0 .4rem;border-bottom:1px solid #ddd;\
            padding-bottom:.2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
            .meta{color:#616161;margin-top:0}.muted{fill:#757575;color:#757575}
            table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}
            th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.pass td{background:#e8f5e9}tr.fail td{background:#ffebee}tr.error td{background:#fff3e0}
            .verdict{display:inline-block;padding:0 .5rem;border-radius:.3rem;font-weight:600;font-size:.85rem;color:#fff}
            .verdict.pass{background:#2e7d32}.verdict.fail{background:#c62828}.verdict.error{background:#ef6c00}
            .reading{font-size:1.02rem;background:#f5f5f5;border-left:4px solid #9e9e9e;padding:.5rem .8rem}
            .error-text{color:#bf360c;font-weight:600}
            svg.timeline{display:block;max-width:100%;height:auto;margin:.5rem 0}
            svg .label{font-size:12px;fill:#424242}svg .tick{font-size:10px;fill:#616161}
            .legend span{display:inline-block;margin-right:1rem;font-size:.85rem}
            .swatch{display:inline-block;width:.9rem;height:.6rem;margin-right:.3rem;vertical-align:middle}
            """;

    private ReportHtml() {
    }

    /** Writes {@code outDir/report.html} (creating the directory) and returns the file. */
    public static Path write(DrillReport report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        Files.writeString(file, render(report));
        return file;
    }

    /** The whole page. */
    public static String render(DrillReport report) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Lifeline drill report: ").append(escape(report.suite())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>Lifeline drill report <span class=\"verdict ").append(report.verdict().jsonName()).append("\">")
                .append(report.verdict().jsonName()).append("</span></h1>\n")
                .append("<p class=\"meta\">Suite ").append(escape(report.suite())).append(" · started ")
                .append(escape(report.started().toString())).append(" · site file ").append(escape(report.config()))
                .append("</p>\n");
        summary(b, report);
        if (!report.notes().isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul class=\"notes\">\n");
            report.notes().forEach(n -> b.append("<li>").append(escape(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        for (int i = 0; i < report.scenarios().size(); i++) {
            scenario(b, report.scenarios().get(i), i);
        }
        b.append("<p class=\"meta\">Times run from the instant the lab applied the fault and are observed by the lab. "
                + "Machine-readable: report.json in the same directory.</p>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, DrillReport report) {
        b.append("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>scenario</th><th>verdict</th><th>SLOs held</th>"
                + "<th>key figures</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < report.scenarios().size(); i++) {
            ScenarioReport s = report.scenarios().get(i);
            String v = s.verdict().jsonName();
            b.append("<tr class=\"").append(v).append("\"><td><a href=\"#").append(anchor(s, i)).append("\">")
                    .append(escape(s.name())).append("</a></td><td>").append(v).append("</td><td class=\"num\">")
                    .append(KeyFigures.slosHeld(s)).append("</td><td>").append(escape(KeyFigures.line(s))).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void scenario(StringBuilder b, ScenarioReport s, int index) {
        String v = s.verdict().jsonName();
        b.append("<section id=\"").append(anchor(s, index)).append("\">\n<h2>").append(escape(s.name()))
                .append(" <span class=\"verdict ").append(v).append("\">").append(v).append("</span></h2>\n");
        s.error().ifPresent(e -> b.append("<p class=\"error-text\">Could not run to its end: ").append(escape(e)).append("</p>\n"));
        b.append("<p class=\"reading\">").append(escape(s.readingOrGenerated())).append("</p>\n");
        b.append(TimelineChart.svg(s)).append('\n');
        legend(b, s);
        events(b, s);
        slos(b, s);
        metrics(b, s);
        b.append("</section>\n");
    }

    private static void legend(StringBuilder b, ScenarioReport s) {
        Map<Series, String> colours = TimelineChart.colours(s);
        boolean paths = s.series().stream().anyMatch(l -> l.unit().equals(Series.UNIT_STATE));
        if (colours.isEmpty() && !paths) {
            return;
        }
        b.append("<p class=\"legend\">");
        if (paths) {
            b.append("<span><i class=\"swatch\" style=\"background:").append(TimelineChart.UP).append("\"></i>path up</span>")
                    .append("<span><i class=\"swatch\" style=\"background:").append(TimelineChart.DOWN).append("\"></i>path down</span>");
        }
        colours.forEach((line, colour) -> b.append("<span><i class=\"swatch\" style=\"background:").append(colour)
                .append("\"></i>").append(escape(line.name())).append(" (").append(escape(line.unit())).append(")</span>"));
        b.append("</p>\n");
    }

    private static void events(StringBuilder b, ScenarioReport s) {
        if (s.events().isEmpty()) {
            return;
        }
        b.append("<h3>Events</h3>\n<table class=\"events\">\n<thead><tr><th>#</th><th>at</th><th>type</th><th>what happened</th>"
                + "</tr></thead>\n<tbody>\n");
        int n = 1;
        for (ReportEvent e : s.events()) {
            b.append("<tr><td class=\"num\">").append(n++).append("</td><td class=\"num\">")
                    .append(Figures.seconds(e.atOffsetMillis() / 1000.0)).append("</td><td style=\"color:")
                    .append(TimelineChart.eventColour(e.type())).append("\">").append(escape(e.type())).append("</td><td>")
                    .append(escape(e.summary())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void slos(StringBuilder b, ScenarioReport s) {
        if (s.slos().isEmpty()) {
            return;
        }
        b.append("<h3>SLOs</h3>\n<table class=\"slos\">\n<thead><tr><th>expectation</th><th>target</th><th>measured</th>"
                + "<th>result</th></tr></thead>\n<tbody>\n");
        for (SloLine l : s.slos()) {
            String r = l.pass() ? "pass" : "fail";
            b.append("<tr class=\"").append(r).append("\"><td>").append(escape(l.name())).append("</td><td>")
                    .append(escape(l.target())).append("</td><td>").append(escape(l.measured())).append("</td><td>")
                    .append(r).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void metrics(StringBuilder b, ScenarioReport s) {
        if (s.metrics().isEmpty()) {
            return;
        }
        b.append("<h3>Metrics</h3>\n<table class=\"metrics\">\n<thead><tr><th>metric</th><th>value</th></tr></thead>\n<tbody>\n");
        s.metrics().forEach((k, v) -> b.append("<tr><td>").append(escape(k)).append("</td><td class=\"num\">")
                .append(escape(Figures.metric(k, v))).append("</td></tr>\n"));
        b.append("</tbody>\n</table>\n");
    }

    /** A unique fragment id made only of safe characters. */
    static String anchor(ScenarioReport s, int index) {
        String slug = s.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "scenario-" + (index + 1) + (slug.isEmpty() ? "" : "-" + slug);
    }
}
