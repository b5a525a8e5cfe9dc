package dev.lifeline.drill.report;

import dev.lifeline.drill.scenario.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes what a scenario's users would have experienced, in plain language and with the
 * numbers, from its metrics, SLOs and path timelines only — it states what was measured and
 * never guesses what was not. For example: "Phones on wan1 lost audio for 1.2 s when wan1
 * failed; the trunk was registered again over wan2 0.62 s after the failure; calls were not
 * dropped."
 *
 * <p>Path names come from the {@link Series#UNIT_STATE} series: the path that went down first
 * is the one that failed, and a path that was up at that moment is where traffic went.
 */
public final class Reading {

    private Reading() {
    }

    /** The reading of one scenario: one or more sentences. */
    public static String of(ScenarioReport s) {
        if (s.error().isPresent()) {
            return "The scenario could not run to its end: " + KeyFigures.oneLine(s.error().get())
                    + ". It says nothing about what users would experience; fix the cause and run it again.";
        }
        List<String> sentences = new ArrayList<>();
        failover(s).ifPresent(sentences::add);
        s.metric(Metrics.FAILBACK_S).ifPresent(v -> sentences.add("Traffic returned to "
                + failedPath(s).orElse("the preferred path") + " " + Figures.seconds(v) + " after it was restored."));
        s.metric(Metrics.FALSE_FAILOVERS).ifPresent(v -> sentences.add(v == 0
                ? "There were no needless failovers."
                : "The gateway switched paths " + count(v, "time") + " without need (flapping)."));
        s.metric(Metrics.PHONES_REREGISTERED_S).ifPresent(v -> sentences.add(
                "After the restart every phone was registered again within " + Figures.seconds(v) + "."));
        s.metric(Metrics.EMERGENCY_CONNECTED).ifPresent(v -> sentences.add(v >= 1
                ? "The emergency call placed during the test connected."
                : "The emergency call placed during the test did not connect."));
        calls(s).ifPresent(sentences::add);
        s.metric(Metrics.CALL_SETUP_P95_MS).ifPresent(v -> sentences.add(
                "95 % of calls were set up within " + Figures.metric(Metrics.CALL_SETUP_P95_MS, v) + "."));
        quality(s).ifPresent(sentences::add);
        sentences.add(slos(s));
        return String.join(" ", sentences).strip();
    }

    private static Optional<String> failover(ScenarioReport s) {
        Optional<String> failed = failedPath(s);
        List<String> clauses = new ArrayList<>();
        s.metric(Metrics.AUDIO_GAP_S).ifPresent(gap -> {
            String who = failed.map(p -> "phones on " + p).orElse("the active call");
            String when = failed.map(p -> " when " + p + " failed").orElse(" during the failure");
            clauses.add(gap > 0 ? who + " lost audio for " + Figures.seconds(gap) + when
                                : who + " heard no gap in audio" + when);
        });
        s.metric(Metrics.DETECTION_S).ifPresent(v -> clauses.add("the gateway's first call or request over "
                + otherPath(s, failed).orElse("the other path") + " left " + Figures.seconds(v) + " after the failure"));
        s.metric(Metrics.DETECTION_GATEWAY_S).ifPresent(v -> clauses.add("by its own log it declared "
                + failed.orElse("the path") + " down after " + Figures.seconds(v)));
        s.metric(Metrics.REGISTRATION_RECOVERY_S).ifPresent(v -> clauses.add("the trunk was registered again"
                + otherPath(s, failed).map(p -> " over " + p).orElse("") + " " + Figures.seconds(v) + " after the failure"));
        s.metric(Metrics.CALLS_DROPPED).ifPresent(v -> clauses.add(v == 0 ? "calls were not dropped"
                : count(v, "call") + (v == 1 ? " was" : " were") + " dropped"));
        if (clauses.isEmpty()) {
            return Optional.empty();
        }
        String text = String.join("; ", clauses);
        return Optional.of(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
    }

    private static Optional<String> calls(ScenarioReport s) {
        Optional<Double> attempted = s.metric(Metrics.CALLS_ATTEMPTED);
        Optional<Double> failed = s.metric(Metrics.CALLS_FAILED);
        if (attempted.isPresent() && failed.isPresent()) {
            return Optional.of(failed.get() == 0 ? "All " + count(attempted.get(), "call") + " connected."
                    : Figures.plain(failed.get(), 0) + " of " + count(attempted.get(), "call") + " did not connect.");
        }
        return failed.map(f -> f == 0 ? "Every call connected." : count(f, "call") + " did not connect.");
    }

    private static Optional<String> quality(ScenarioReport s) {
        Optional<Double> min = s.metric(Metrics.MOS_MIN);
        Optional<Double> mean = s.metric(Metrics.MOS_MEAN);
        if (min.isEmpty() && mean.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        min.ifPresent(v -> parts.add("MOS-CQE " + Figures.mos(v) + " at worst"));
        mean.ifPresent(v -> parts.add((min.isPresent() ? "" : "MOS-CQE ") + Figures.mos(v) + " on average"));
        double judged = min.orElseGet(mean::get);
        StringBuilder b = new StringBuilder("Call quality as the phones estimated it: ").append(String.join(", ", parts))
                .append(" (").append(satisfaction(judged)).append(").");
        return Optional.of(b.toString());
    }

    /**
     * ITU-T G.107 Annex B's user-satisfaction bands, stated on the MOS scale (R 90/80/70/60/50
     * correspond to MOS 4.34/4.03/3.60/3.10/2.58).
     */
    static String satisfaction(double mos) {
        if (mos >= 4.34) {
            return "users very satisfied";
        }
        if (mos >= 4.03) {
            return "users satisfied";
        }
        if (mos >= 3.60) {
            return "some users dissatisfied";
        }
        if (mos >= 3.10) {
            return "many users dissatisfied";
        }
        if (mos >= 2.58) {
            return "nearly all users dissatisfied";
        }
        return "not usable for calls";
    }

    private static String slos(ScenarioReport s) {
        if (s.slos().isEmpty()) {
            return "No expectations were checked.";
        }
        List<String> broken = s.slos().stream().filter(l -> !l.pass())
                .map(l -> l.name() + " (expected " + l.target() + ", measured " + l.measured() + ")").toList();
        if (broken.isEmpty()) {
            return s.slos().size() == 1 ? "The one check held." : "All " + s.slos().size() + " checks held.";
        }
        return "Not met: " + String.join("; ", broken) + ".";
    }

    /** The path that went down first, from the state series. */
    static Optional<String> failedPath(ScenarioReport s) {
        String best = null;
        long bestAt = Long.MAX_VALUE;
        for (Series line : s.series()) {
            if (!line.unit().equals(Series.UNIT_STATE)) {
                continue;
            }
            for (Series.Point p : line.points()) {
                if (p.value() < 0.5) {
                    if (p.tMillis() < bestAt) {
                        bestAt = p.tMillis();
                        best = line.name();
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A path that was up when the failed one went down (where traffic could go). */
    static Optional<String> otherPath(ScenarioReport s, Optional<String> failed) {
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        long at = s.series().stream().filter(l -> l.name().equals(failed.get()) && l.unit().equals(Series.UNIT_STATE))
                .flatMap(l -> l.points().stream()).filter(p -> p.value() < 0.5).mapToLong(Series.Point::tMillis)
                .findFirst().orElse(0);
        for (Series line : s.series()) {
            if (line.unit().equals(Series.UNIT_STATE) && !line.name().equals(failed.get()) && valueAt(line, at) >= 0.5) {
                return Optional.of(line.name());
            }
        }
        return Optional.empty();
    }

    /** The value in force at {@code t}: the last point at or before it; the first point's before that. */
    static double valueAt(Series line, long t) {
        double v = line.points().isEmpty() ? 0 : line.points().get(0).value();
        for (Series.Point p : line.points()) {
            if (p.tMillis() > t) {
                break;
            }
            v = p.value();
        }
        return v;
    }

    private static String count(double n, String noun) {
        String k = Figures.plain(n, 0);
        return k + " " + noun + (k.equals("1") ? "" : "s");
    }
}
