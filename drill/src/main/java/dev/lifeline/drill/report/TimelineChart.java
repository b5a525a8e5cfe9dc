package dev.lifeline.drill.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a scenario's timelines as one inline SVG: an up/down band per path, the registration
 * counts, per-call MOS and any other series, on one time axis with the events as numbered
 * vertical lines (hover shows what happened). Drawn here by hand because the report must be
 * one file that opens offline; a chart library would mean JavaScript and a network fetch or a
 * large inlined bundle for a few rectangles and lines.
 */
final class TimelineChart {

    static final int WIDTH = 960;
    private static final int LEFT = 140;
    private static final int RIGHT = 24;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final int TOP = 36;
    private static final int LANE = 16;
    private static final int GAP = 14;

    static final String UP = "#2e7d32";
    static final String DOWN = "#c62828";
    static final String[] PALETTE = {"#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#558b2f"};

    private final ScenarioReport scenario;
    private final long end;
    private final StringBuilder svg = new StringBuilder();
    private final Map<Series, String> colours;

    private TimelineChart(ScenarioReport scenario) {
        this.scenario = scenario;
        long e = 0;
        for (Series s : scenario.series()) {
            e = Math.max(e, s.endMillis());
        }
        for (ReportEvent ev : scenario.events()) {
            e = Math.max(e, ev.atOffsetMillis());
        }
        // A little room after the last point so a final state or event is visible.
        this.end = e <= 0 ? 1000 : e + Math.max(200, e / 50);
        this.colours = colours(scenario);
    }

    /** The colour each non-state series is drawn in; the HTML legend uses the same. */
    static Map<Series, String> colours(ScenarioReport s) {
        Map<Series, String> out = new LinkedHashMap<>();
        int i = 0;
        for (Series line : s.series()) {
            if (!line.unit().equals(Series.UNIT_STATE)) {
                out.put(line, PALETTE[i++ % PALETTE.length]);
            }
        }
        return out;
    }

    /** The SVG element for the scenario; always exactly one {@code <svg>}, also when nothing was recorded. */
    static String svg(ScenarioReport s) {
        return new TimelineChart(s).draw();
    }

    private String draw() {
        if (scenario.series().isEmpty() && scenario.events().isEmpty()) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"" + WIDTH
                    + "\" height=\"40\" viewBox=\"0 0 " + WIDTH + " 40\" role=\"img\" aria-label=\"no timeline recorded\">"
                    + "<text x=\"" + LEFT + "\" y=\"24\" class=\"muted\">No timeline was recorded.</text></svg>";
        }
        int y = TOP;
        List<Series> states = byUnit(Series.UNIT_STATE);
        for (Series s : states) {
            lane(s, y);
            y += LANE + 6;
        }
        if (!states.isEmpty()) {
            y += GAP - 6;
        }
        List<Series> counts = byUnit(Series.UNIT_COUNT);
        if (!counts.isEmpty()) {
            y = panel(counts, y, 90, 0, Math.max(1, max(counts)), true, counts.size() == 1 ? counts.get(0).name() : "count") + GAP;
        }
        List<Series> mos = byUnit(Series.UNIT_MOS);
        if (!mos.isEmpty()) {
            y = panel(mos, y, 110, 1, 5, false, "MOS-CQE") + GAP;
        }
        Map<String, List<Series>> others = new LinkedHashMap<>();
        for (Series s : scenario.series()) {
            if (!List.of(Series.UNIT_STATE, Series.UNIT_COUNT, Series.UNIT_MOS).contains(s.unit())) {
                others.computeIfAbsent(s.unit(), u -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<String, List<Series>> e : others.entrySet()) {
            double lo = Math.min(0, min(e.getValue()));
            double hi = Math.max(lo + 1, max(e.getValue()));
            y = panel(e.getValue(), y, 80, lo, hi, false, e.getKey()) + GAP;
        }
        int axis = y;
        axis(axis);
        events(axis);
        int height = axis + 24;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\"timeline of "
                + HtmlText.escape(scenario.name()) + "\">" + svg + "</svg>";
    }

    private List<Series> byUnit(String unit) {
        return scenario.series().stream().filter(s -> s.unit().equals(unit)).toList();
    }

    private void lane(Series s, int y) {
        label(s.name(), y + LANE - 4);
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(PLOT)
                .append("\" height=\"").append(LANE).append("\" fill=\"#eeeeee\"/>");
        List<Series.Point> ps = s.points();
        for (int i = 0; i < ps.size(); i++) {
            long from = ps.get(i).tMillis();
            long to = i + 1 < ps.size() ? ps.get(i + 1).tMillis() : end;
            boolean up = ps.get(i).value() >= 0.5;
            svg.append("<rect x=\"").append(f(x(from))).append("\" y=\"").append(y).append("\" width=\"")
                    .append(f(Math.max(0.5, x(to) - x(from)))).append("\" height=\"").append(LANE).append("\" fill=\"")
                    .append(up ? UP : DOWN).append("\"><title>").append(HtmlText.escape(s.name() + (up ? " up " : " down ")
                            + Figures.seconds(from / 1000.0) + " to " + Figures.seconds(to / 1000.0))).append("</title></rect>");
        }
    }

    private int panel(List<Series> lines, int y, int h, double lo, double hi, boolean steps, String title) {
        int bottom = y + h;
        label(title, y + h / 2 + 4);
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(PLOT)
                .append("\" height=\"").append(h).append("\" fill=\"#fafafa\" stroke=\"#dddddd\"/>");
        for (double g : gridValues(lo, hi)) {
            double gy = yOf(g, lo, hi, y, h);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT).append("\" y1=\"").append(f(gy))
                    .append("\" y2=\"").append(f(gy)).append("\" stroke=\"#e0e0e0\"/>")
                    .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(f(gy + 3))
                    .append("\" class=\"tick\" text-anchor=\"end\">").append(Figures.plain(g, 2)).append("</text>");
        }
        for (Series s : lines) {
            String colour = colours.get(s);
            StringBuilder pts = new StringBuilder();
            List<Series.Point> ps = s.points();
            for (int i = 0; i < ps.size(); i++) {
                Series.Point p = ps.get(i);
                double py = yOf(p.value(), lo, hi, y, h);
                pts.append(f(x(p.tMillis()))).append(',').append(f(py)).append(' ');
                if (steps) {
                    long next = i + 1 < ps.size() ? ps.get(i + 1).tMillis() : end;
                    pts.append(f(x(next))).append(',').append(f(py)).append(' ');
                }
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().strip()).append("\"><title>").append(HtmlText.escape(s.name()))
                    .append("</title></polyline>");
            if (!steps && ps.size() <= 60) {
                for (Series.Point p : ps) {
                    svg.append("<circle cx=\"").append(f(x(p.tMillis()))).append("\" cy=\"")
                            .append(f(yOf(p.value(), lo, hi, y, h))).append("\" r=\"2.5\" fill=\"").append(colour)
                            .append("\"><title>").append(HtmlText.escape(s.name() + ": " + Figures.plain(p.value(), 2)
                                    + " at " + Figures.seconds(p.tMillis() / 1000.0))).append("</title></circle>");
                }
            }
        }
        return bottom;
    }

    private void axis(int y) {
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT).append("\" y1=\"").append(y)
                .append("\" y2=\"").append(y).append("\" stroke=\"#616161\"/>");
        long step = tickStep(end);
        for (long t = 0; t <= end; t += step) {
            double tx = x(t);
            svg.append("<line x1=\"").append(f(tx)).append("\" x2=\"").append(f(tx)).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y + 4).append("\" stroke=\"#616161\"/>")
                    .append("<text x=\"").append(f(tx)).append("\" y=\"").append(y + 16)
                    .append("\" class=\"tick\" text-anchor=\"middle\">").append(Figures.plain(t / 1000.0, 1)).append(" s</text>");
        }
    }

    private void events(int axis) {
        int n = 1;
        double lastLabel = -100;
        int row = 0;
        for (ReportEvent e : scenario.events()) {
            double ex = x(e.atOffsetMillis());
            // Events close together get their numbers on alternate rows so both stay readable.
            row = ex - lastLabel < 14 ? (row + 1) % 2 : 0;
            lastLabel = ex;
            String colour = eventColour(e.type());
            String what = "#" + n + " at " + Figures.seconds(e.atOffsetMillis() / 1000.0) + " " + e.type() + ": " + e.summary();
            svg.append("<g class=\"event\"><title>").append(HtmlText.escape(what)).append("</title>")
                    .append("<line x1=\"").append(f(ex)).append("\" x2=\"").append(f(ex)).append("\" y1=\"").append(TOP - 10)
                    .append("\" y2=\"").append(axis).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>")
                    .append("<text x=\"").append(f(ex)).append("\" y=\"").append(TOP - 13 - 11 * row)
                    .append("\" class=\"tick\" text-anchor=\"middle\" fill=\"").append(colour).append("\">")
                    .append(n).append("</text></g>");
            n++;
        }
    }

    static String eventColour(String type) {
        return switch (type) {
            case ReportEvent.TYPE_FAULT, ReportEvent.TYPE_PATH_DOWN -> DOWN;
            case ReportEvent.TYPE_RESTORE, ReportEvent.TYPE_PATH_UP, ReportEvent.TYPE_REGISTERED -> UP;
            case ReportEvent.TYPE_FAILOVER -> "#ef6c00";
            default -> "#757575";
        };
    }

    private void label(String text, double y) {
        String t = text.length() > 17 ? text.substring(0, 16) + "…" : text;
        svg.append("<text x=\"8\" y=\"").append(f(y)).append("\" class=\"label\">")
                .append(HtmlText.escape(t)).append("<title>").append(HtmlText.escape(text)).append("</title></text>");
    }

    private double x(long t) {
        return LEFT + (double) t / end * PLOT;
    }

    private static double yOf(double v, double lo, double hi, int y, int h) {
        double c = Math.max(lo, Math.min(hi, v));
        return y + h - (c - lo) / (hi - lo) * h;
    }

    private static List<Double> gridValues(double lo, double hi) {
        double span = hi - lo;
        double step = span <= 5 ? 1 : Math.pow(10, Math.floor(Math.log10(span / 2)));
        while (span / step > 5) {
            step *= 2;
        }
        List<Double> out = new ArrayList<>();
        for (double g = Math.ceil(lo / step) * step; g <= hi + 1e-9 && out.size() < 12; g += step) {
            out.add(g);
        }
        return out;
    }

    static long tickStep(long end) {
        long[] steps = {100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000};
        for (long s : steps) {
            if (end / s <= 12) {
                return s;
            }
        }
        return Math.max(3_600_000, end / 12);
    }

    private static double max(List<Series> lines) {
        return lines.stream().flatMap(s -> s.points().stream()).mapToDouble(Series.Point::value).max().orElse(1);
    }

    private static double min(List<Series> lines) {
        return lines.stream().flatMap(s -> s.points().stream()).mapToDouble(Series.Point::value).min().orElse(0);
    }

    private static String f(double v) {
        return Figures.plain(v, 1);
    }
}
