package dev.lifeline.drill.report;

import dev.lifeline.drill.scenario.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes what a scenario's users would have experienced, in plain language and with the
 * numbers, from its metrics, SLOs and path timelines only — it states what was attempted and
 * measured and never guesses what was not: a sentence about a kind of call is written only when
 * calls of that kind were attempted, and each sentence names the metrics it is built from
 * ({@link Sentence#from}). For example: "Phones on wan1 lost audio for 1.2 s when wan1 failed;
 * the trunk was registered again over wan2 0.62 s after the failure; calls were not dropped."
 *
 * <p>Path names come from the {@link Series#UNIT_STATE} series: the path that went down first
 * is the one that failed, and a path that was up at that moment is where traffic went.
 */
public final class Reading {

    /**
     * One sentence of a reading and the metrics it states; {@code from} is empty for the sentence
     * about the SLOs, which is built from the SLO lines.
     */
    public record Sentence(String text, List<String> from) {
        public Sentence {
            from = List.copyOf(from);
        }
    }

    private Reading() {
    }

    /** The reading of one scenario: one or more sentences. */
    public static String of(ScenarioReport s) {
        return String.join(" ", sentences(s).stream().map(Sentence::text).toList()).strip();
    }

    /** The reading's sentences, each with the metrics it is built from. */
    public static List<Sentence> sentences(ScenarioReport s) {
        if (s.error().isPresent()) {
            return List.of(new Sentence("The scenario could not run to its end: " + KeyFigures.oneLine(s.error().get())
                    + ". It says nothing about what users would experience; fix the cause and run it again.", List.of()));
        }
        List<Sentence> sentences = new ArrayList<>();
        failover(s).ifPresent(sentences::add);
        s.metric(Metrics.FAILBACK_S).ifPresent(v -> sentences.add(new Sentence("The trunk registered through "
                + failedPath(s).orElse("the preferred path") + " again " + Figures.seconds(v) + " after it was restored.",
                List.of(Metrics.FAILBACK_S))));
        s.metric(Metrics.FALSE_FAILOVERS).ifPresent(v -> sentences.add(new Sentence(v == 0
                ? "There were no needless failovers."
                : "The gateway switched paths " + count(v, "time") + " without need (flapping).",
                List.of(Metrics.FALSE_FAILOVERS))));
        s.metric(Metrics.PHONES_REREGISTERED_S).ifPresent(v -> sentences.add(new Sentence(
                "After the restart every phone was registered again within " + Figures.seconds(v) + ".",
                List.of(Metrics.PHONES_REREGISTERED_S))));
        storm(s).ifPresent(sentences::add);
        emergency(s).ifPresent(sentences::add);
        calls(s).ifPresent(sentences::add);
        inbound(s).ifPresent(sentences::add);
        s.metric(Metrics.CALL_SETUP_P95_MS).ifPresent(v -> sentences.add(new Sentence(
                "95 % of calls were set up within " + Figures.metric(Metrics.CALL_SETUP_P95_MS, v) + ".",
                List.of(Metrics.CALL_SETUP_P95_MS))));
        sentences.addAll(lossSteps(s));
        legs(s).ifPresent(sentences::add);
        quality(s).ifPresent(sentences::add);
        sentences.add(new Sentence(slos(s), List.of()));
        return sentences;
    }

    /** The registration storm as the storm phones saw it. */
    private static Optional<Sentence> storm(ScenarioReport s) {
        Optional<Double> unregistered = s.metric(Metrics.STORM_UNREGISTERED);
        if (unregistered.isEmpty()) {
            return Optional.empty();
        }
        String back = s.metric(Metrics.STORM_REGISTERED_S)
                .map(v -> "In the registration storm every phone was registered again within " + Figures.seconds(v))
                .orElse("In the registration storm " + count(unregistered.get(), "phone") + " never registered again");
        String refused = s.metric(Metrics.STORM_REFUSED).filter(v -> v > 0)
                .map(v -> " (" + count(v, "refusal") + " with 503 and Retry-After along the way)").orElse("");
        String lost = s.metric(Metrics.STORM_BINDINGS_LOST)
                .map(v -> v == 0 ? "; no binding was lost" : "; " + count(v, "binding") + " lost").orElse("");
        return Optional.of(new Sentence(back + refused + lost + ", as the phones saw it.",
                List.of(Metrics.STORM_REGISTERED_S, Metrics.STORM_UNREGISTERED, Metrics.STORM_REFUSED,
                        Metrics.STORM_BINDINGS_LOST)));
    }

    /** Whether calls of a kind were attempted: its attempted count was measured and is not zero. */
    private static boolean attempted(ScenarioReport s, String metric) {
        return s.metric(metric).filter(v -> v > 0).isPresent();
    }

    private static Optional<Sentence> failover(ScenarioReport s) {
        Optional<String> failed = failedPath(s);
        List<String> clauses = new ArrayList<>();
        List<String> from = new ArrayList<>();
        s.metric(Metrics.AUDIO_GAP_S).ifPresent(gap -> {
            String who = failed.map(p -> "phones on " + p).orElse("calls up at the fault");
            String when = failed.map(p -> " when " + p + " failed").orElse(" after it");
            clauses.add(gap > 0 ? who + " lost audio for " + Figures.seconds(gap) + when
                                : who + " heard no gap in audio" + when);
            from.add(Metrics.AUDIO_GAP_S);
        });
        s.metric(Metrics.DETECTION_S).ifPresent(v -> {
            clauses.add("the gateway's first call or request over " + otherPath(s, failed).orElse("the other path")
                    + " left " + Figures.seconds(v) + " after the failure");
            from.add(Metrics.DETECTION_S);
        });
        s.metric(Metrics.DETECTION_GATEWAY_S).ifPresent(v -> {
            clauses.add("the gateway's own log marks " + failed.orElse("the path") + " down " + Figures.seconds(v)
                    + " after the failure");
            from.add(Metrics.DETECTION_GATEWAY_S);
        });
        s.metric(Metrics.REGISTRATION_RECOVERY_S).ifPresent(v -> {
            clauses.add("the trunk was registered again" + otherPath(s, failed).map(p -> " over " + p).orElse("") + " "
                    + Figures.seconds(v) + " after the failure");
            from.add(Metrics.REGISTRATION_RECOVERY_S);
        });
        // Dropped calls only of calls that were up: some call of some kind answered.
        List<String> answeredCounts = List.of(Metrics.CALLS_COMPLETED, Metrics.INBOUND_DELIVERED,
                Metrics.EMERGENCY_CONNECTED).stream().filter(m -> attempted(s, m)).toList();
        s.metric(Metrics.CALLS_DROPPED).filter(v -> !answeredCounts.isEmpty()).ifPresent(v -> {
            clauses.add(v == 0 ? "calls were not dropped" : count(v, "call") + (v == 1 ? " was" : " were") + " dropped");
            from.add(Metrics.CALLS_DROPPED);
            from.addAll(answeredCounts);
        });
        if (clauses.isEmpty()) {
            return Optional.empty();
        }
        String text = String.join("; ", clauses);
        return Optional.of(new Sentence(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".", from));
    }

    /** Which leg the gateway blamed, beside what the lab's LAN really dropped. */
    private static Optional<Sentence> legs(ScenarioReport s) {
        Optional<Double> lan = s.metric(Metrics.LAN_LEG_NAMED);
        Optional<Double> wan = s.metric(Metrics.WAN_LEG_NAMED);
        if (lan.isEmpty() || wan.isEmpty() || lan.get() + wan.get() == 0) {
            return Optional.empty();
        }
        List<String> from = new ArrayList<>(List.of(Metrics.LAN_LEG_NAMED, Metrics.WAN_LEG_NAMED));
        StringBuilder text = new StringBuilder();
        s.metric(Metrics.LAN_DROPPED_PCT).filter(v -> v > 0).ifPresent(v -> {
            text.append("The lab's LAN dropped ").append(Figures.metric(Metrics.LAN_DROPPED_PCT, v))
                    .append(" of the phones' packets to the gateway; ");
            from.add(Metrics.LAN_DROPPED_PCT);
        });
        text.append("the gateway named the LAN leg as losing packets in ").append(count(lan.get(), "call"))
                .append(" and the WAN leg (or both) in ").append(count(wan.get(), "call"));
        s.metric(Metrics.LAN_LEG_LOSS_MAX_PCT).ifPresent(v -> {
            text.append(", having measured up to ").append(Figures.metric(Metrics.LAN_LEG_LOSS_MAX_PCT, v))
                    .append(" loss on a LAN leg");
            from.add(Metrics.LAN_LEG_LOSS_MAX_PCT);
        });
        s.metric(Metrics.WAN_LEG_LOSS_MAX_PCT).ifPresent(v -> {
            text.append(" and ").append(Figures.metric(Metrics.WAN_LEG_LOSS_MAX_PCT, v)).append(" on a WAN leg");
            from.add(Metrics.WAN_LEG_LOSS_MAX_PCT);
        });
        text.append(" (the gateway's word).");
        String t = text.toString();
        return Optional.of(new Sentence(Character.toUpperCase(t.charAt(0)) + t.substring(1), from));
    }

    private static Optional<Sentence> emergency(ScenarioReport s) {
        Optional<Double> tried = s.metric(Metrics.EMERGENCY_ATTEMPTED).filter(v -> v > 0);
        Optional<Double> connected = s.metric(Metrics.EMERGENCY_CONNECTED);
        if (tried.isEmpty() || connected.isEmpty()) {
            return Optional.empty();
        }
        List<String> from = List.of(Metrics.EMERGENCY_ATTEMPTED, Metrics.EMERGENCY_CONNECTED);
        if (tried.get() == 1) {
            return Optional.of(new Sentence(connected.get() >= 1 ? "The emergency call placed during the test connected."
                    : "The emergency call placed during the test did not connect.", from));
        }
        return Optional.of(new Sentence(Figures.plain(connected.get(), 0) + " of the " + count(tried.get(), "emergency call")
                + " placed during the test connected.", from));
    }

    private static Optional<Sentence> calls(ScenarioReport s) {
        Optional<Double> attempted = s.metric(Metrics.CALLS_ATTEMPTED);
        Optional<Double> planned = s.metric(Metrics.CALLS_PLANNED);
        Optional<Double> failed = s.metric(Metrics.CALLS_FAILED);
        if (attempted.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<String> from = new ArrayList<>();
        if (planned.isPresent() && planned.get() > attempted.get()) {
            parts.add((attempted.get() == 0 ? "None" : "Only " + Figures.plain(attempted.get(), 0)) + " of the "
                    + count(planned.get(), "planned call") + (attempted.get() == 1 ? " was" : " were") + " placed.");
            from.add(Metrics.CALLS_PLANNED);
            from.add(Metrics.CALLS_ATTEMPTED);
        }
        if (attempted.get() > 0 && failed.isPresent()) {
            parts.add(failed.get() == 0 ? (attempted.get() == 1 ? "The one call placed connected."
                            : "All " + count(attempted.get(), "call") + " placed connected.")
                    : Figures.plain(failed.get(), 0) + " of " + count(attempted.get(), "call") + " placed did not connect.");
            if (!from.contains(Metrics.CALLS_ATTEMPTED)) {
                from.add(Metrics.CALLS_ATTEMPTED);
            }
            from.add(Metrics.CALLS_FAILED);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new Sentence(String.join(" ", parts), from));
    }

    private static Optional<Sentence> inbound(ScenarioReport s) {
        Optional<Double> attempted = s.metric(Metrics.INBOUND_ATTEMPTED).filter(v -> v > 0);
        Optional<Double> delivered = s.metric(Metrics.INBOUND_DELIVERED);
        if (attempted.isEmpty() || delivered.isEmpty()) {
            return Optional.empty();
        }
        List<String> from = new ArrayList<>(List.of(Metrics.INBOUND_ATTEMPTED, Metrics.INBOUND_DELIVERED));
        String text = (delivered.get().equals(attempted.get()) ? "All " + count(attempted.get(), "inbound call")
                : Figures.plain(delivered.get(), 0) + " of " + count(attempted.get(), "inbound call"))
                + " reached a phone and were answered";
        Optional<Double> wrong = s.metric(Metrics.CALLER_ID_WRONG).filter(v -> delivered.get() > 0);
        if (wrong.isPresent()) {
            text += wrong.get() == 0 ? ", each showing the caller as the site's rules say"
                    : "; " + count(wrong.get(), "call") + " showed the caller wrongly";
            from.add(Metrics.CALLER_ID_WRONG);
        }
        return Optional.of(new Sentence(text + ".", from));
    }

    /** loss-audio-quality's steps: per configured loss, what the phones heard and rated beside G.107. */
    private static List<Sentence> lossSteps(ScenarioReport s) {
        List<Sentence> out = new ArrayList<>();
        for (String name : s.metrics().keySet()) {
            if (!name.startsWith("heard_loss_")) {
                continue;
            }
            String key = name.substring("heard_".length());                       // loss_3_pct
            String configured = key.substring("loss_".length(), key.length() - "_pct".length()).replace('p', '.');
            List<String> from = new ArrayList<>(List.of(name));
            StringBuilder b = new StringBuilder("With " + configured + " % random loss configured the phones heard "
                    + Figures.plain(s.metrics().get(name), 2) + " %");
            Optional<Double> cqe = s.metric("mos_cqe_at_" + key);
            if (cqe.isPresent()) {
                b.append(" and rated MOS-CQE ").append(Figures.mos(cqe.get()));
                from.add("mos_cqe_at_" + key);
                Optional<Double> g107 = s.metric("mos_g107_at_" + key);
                if (g107.isPresent()) {
                    b.append(" (ITU-T G.107: ").append(Figures.mos(g107.get())).append(")");
                    from.add("mos_g107_at_" + key);
                }
            }
            out.add(new Sentence(b.append(".").toString(), from));
        }
        return out;
    }

    private static Optional<Sentence> quality(ScenarioReport s) {
        Optional<Double> min = s.metric(Metrics.MOS_MIN);
        Optional<Double> mean = s.metric(Metrics.MOS_MEAN);
        if (min.isEmpty() && mean.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<String> from = new ArrayList<>();
        min.ifPresent(v -> {
            parts.add("MOS-CQE " + Figures.mos(v) + " at worst");
            from.add(Metrics.MOS_MIN);
        });
        mean.ifPresent(v -> {
            parts.add((min.isPresent() ? "" : "MOS-CQE ") + Figures.mos(v) + " on average");
            from.add(Metrics.MOS_MEAN);
        });
        double judged = min.orElseGet(mean::get);
        String text = "Call quality as the phones estimated it: " + String.join(", ", parts) + " ("
                + satisfaction(judged) + ").";
        return Optional.of(new Sentence(text, from));
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
