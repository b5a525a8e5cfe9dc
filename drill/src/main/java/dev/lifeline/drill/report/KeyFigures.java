package dev.lifeline.drill.report;

import dev.lifeline.drill.scenario.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few numbers that tell a scenario's story at a glance, for summary tables: the best
 * known metrics that were measured, in a fixed order, e.g. "detection 0.61 s".
 */
public final class KeyFigures {

    /** Known metrics in the order they matter to a reader, with their short labels. */
    private static final List<Map.Entry<String, String>> ORDER = List.of(
            Map.entry(Metrics.DETECTION_S, "detection"),
            Map.entry(Metrics.REGISTRATION_RECOVERY_S, "re-registered"),
            Map.entry(Metrics.AUDIO_GAP_S, "audio gap"),
            Map.entry(Metrics.CERTIFICATE_EVENT_S, "certificate event"),
            Map.entry(Metrics.PHONES_REREGISTERED_S, "phones back"),
            Map.entry(Metrics.STORM_REGISTERED_S, "storm phones back"),
            Map.entry(Metrics.STORM_BINDINGS_LOST, "bindings lost"),
            Map.entry(Metrics.EMERGENCY_SETUP_MAX_MS, "emergency setup max"),
            Map.entry(Metrics.CALLS_DROPPED, "dropped calls"),
            Map.entry(Metrics.MOS_CQE_DEVIATION_MAX, "MOS-CQE off G.107 by at most"),
            Map.entry(Metrics.MOS_MIN, "MOS-CQE min"),
            Map.entry(Metrics.FALSE_FAILOVERS, "false failovers"),
            Map.entry(Metrics.CALL_SETUP_P95_MS, "setup p95"),
            Map.entry(Metrics.MOS_MEAN, "MOS-CQE mean"),
            Map.entry(Metrics.FAILBACK_S, "failback"));

    /** How many figures a summary row shows. */
    public static final int LIMIT = 4;

    private KeyFigures() {
    }

    /**
     * Up to {@link #LIMIT} figures; when none of the known metrics was measured, the first
     * measured ones by name. An erred scenario's figure is its error.
     */
    public static List<String> of(ScenarioReport s) {
        List<String> out = new ArrayList<>();
        if (s.error().isPresent()) {
            out.add("error: " + oneLine(s.error().get()));
            return out;
        }
        for (Map.Entry<String, String> e : ORDER) {
            Double v = s.metrics().get(e.getKey());
            if (v != null && out.size() < LIMIT) {
                out.add(e.getValue() + " " + (Metrics.unit(e.getKey()).equals("MOS") ? Figures.mos(v) : Figures.metric(e.getKey(), v)));
            }
        }
        if (out.isEmpty()) {
            s.metrics().entrySet().stream().limit(LIMIT)
                    .forEach(e -> out.add(e.getKey() + " " + Figures.metric(e.getKey(), e.getValue())));
        }
        return out;
    }

    /** The figures joined for one table cell, or "-" when there are none. */
    public static String line(ScenarioReport s) {
        List<String> f = of(s);
        return f.isEmpty() ? "-" : String.join(", ", f);
    }

    /** "3/4" SLOs held, or "-" when none were checked. */
    public static String slosHeld(ScenarioReport s) {
        if (s.slos().isEmpty()) {
            return "-";
        }
        return s.slos().stream().filter(SloLine::pass).count() + "/" + s.slos().size();
    }

    static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 100 ? t.substring(0, 99) + "…" : t;
    }
}
