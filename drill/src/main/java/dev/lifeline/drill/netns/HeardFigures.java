package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.media.quality.CodecImpairment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The audio figures as the site's phones heard it: each phone's recordings scored by
 * {@link HeardAudio}, paired in order with the calls the LAN capture shows that phone answering,
 * next to the loss the capture saw on the phone's leg (RTP to the phone's port, by sequence number).
 */
final class HeardFigures {

    static final String AT = "phone: baresip's decoded audio";
    /** The lab's phones offer PCMU and PCMA and load no PLC module. */
    static final CodecImpairment CODEC = CodecImpairment.G711;

    /** One recording, what it scored, and the call it belongs to when the capture shows one. */
    record Heard(String extension, Path recording, HeardAudio.Score score, Optional<CaptureFigures.CallSeen> call) {

        Optional<CaptureFigures.Loss> captured() {
            return call.flatMap(CaptureFigures.CallSeen::media);
        }

        /** What it heard and what the capture saw; {@code source} adds where the heard figures come from. */
        String line(boolean source) {
            HeardAudio.Score s = score;
            String heard = String.format(Locale.ROOT, "phone %s heard %.1f %% loss (%d of %d frames not heard: %d repeated, "
                            + "%d unreadable, %d silent, the rest never played), longest gap %.2f s, MOS-CQE %.2f (G.107, %s)",
                    extension, s.lossPercent(), s.missing(), s.expected(), s.repeats(), s.unreadable(), s.silent(),
                    s.longestGapSeconds(), s.mos(CODEC), CODEC.name()) + (source ? " — " + AT + ", " + recording.getFileName() : "");
            return heard + captured().map(l -> String.format(Locale.ROOT, "; the capture saw %.1f %% (%d of %d RTP packets "
                    + "to the phone's port missing, lan.pcap)", l.percent(), l.sent() - l.delivered(), l.sent()))
                    .orElse("; no call of the phone in lan.pcap answered when it began");
        }
    }

    private HeardFigures() {
    }

    /**
     * Reads and scores every recording, each paired with the call of its phone that the capture
     * shows answered at the time in its name (baresip names it by the local time, to the second,
     * its audio started: the answer), within {@link #PAIRING}. A recording with no audio and no such
     * call is an answer the gateway ended at once (two phones of a group answering together): left
     * out, and said so.
     *
     * @param recordings each site phone's recordings, by extension
     * @param addresses  each site phone's LAN address, by extension
     * @param zone       the zone baresip's local time is in (the lab's)
     */
    static Read read(Map<String, List<Path>> recordings, Map<String, String> addresses, List<CaptureFigures.CallSeen> seen,
                     java.time.ZoneId zone) {
        List<Heard> out = new ArrayList<>();
        List<String> unscored = new ArrayList<>();
        java.util.Set<CaptureFigures.CallSeen> used = new java.util.HashSet<>();
        for (var e : recordings.entrySet()) {
            String address = addresses.get(e.getKey());
            Map<Path, HeardAudio.Score> scored = new java.util.LinkedHashMap<>();
            for (Path f : e.getValue()) {
                try {
                    scored.put(f, score(f));
                } catch (LabException x) {
                    unscored.add(x.getMessage());   // one bad file loses that call's figures, not the scenario's
                }
            }
            // Recordings with audio choose their calls first: an empty one is at most an answer ended at once.
            List<Path> order = scored.keySet().stream().sorted(Comparator.comparing(f -> scored.get(f).expected() == 0)).toList();
            for (Path f : order) {
                HeardAudio.Score score = scored.get(f);
                Optional<java.time.Instant> started = started(f, zone);
                Optional<CaptureFigures.CallSeen> call = seen.stream()
                        .filter(c -> !used.contains(c) && c.phone().equals(address) && c.answered().isPresent()
                                && started.isPresent() && within(c.answered().get().at(), started.get()))
                        .min(Comparator.comparing(c -> java.time.Duration.between(started.get(), c.answered().get().at()).abs()));
                call.ifPresent(used::add);
                if (call.isEmpty() && score.expected() == 0) {
                    unscored.add("phone " + e.getKey() + "'s " + f.getFileName() + " holds no audio and no call of the phone in "
                            + "lan.pcap stayed up then (an answer the gateway ended at once); left out");
                    continue;
                }
                out.add(new Heard(e.getKey(), f, score, call));
            }
        }
        return new Read(out, unscored);
    }

    /** How far a recording's start (its name's second) may be from its call's answer. */
    static final java.time.Duration PAIRING = java.time.Duration.ofMillis(500);

    private static boolean within(java.time.Instant answered, java.time.Instant started) {
        // the name is truncated to the second: the answer is in [started - PAIRING, started + 1 s + PAIRING)
        return !answered.isBefore(started.minus(PAIRING)) && answered.isBefore(started.plusSeconds(1).plus(PAIRING));
    }

    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("dump-(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-dec\\.wav");

    /** When baresip began the recording, from its name ({@code dump-2026-12-07-01-55-30-dec.wav}). */
    static Optional<java.time.Instant> started(Path recording, java.time.ZoneId zone) {
        var m = NAME.matcher(recording.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = Integer.parseInt(m.group(i + 1));
        }
        try {
            return Optional.of(java.time.LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]).atZone(zone).toInstant());
        } catch (java.time.DateTimeException x) {
            return Optional.empty();
        }
    }

    /** The recordings scored, and one line per recording that could not be. */
    record Read(List<Heard> heard, List<String> unscored) {

        Read {
            heard = List.copyOf(heard);
            unscored = List.copyOf(unscored);
        }

        /** One sentence per recording for the reading; empty without recordings. */
        String reading() {
            List<String> lines = new ArrayList<>(heard.stream().map(h -> h.line(true)).toList());
            lines.addAll(unscored);
            return lines.isEmpty() ? "" : " Audio as the phones heard it: " + String.join("; ", lines) + ".";
        }
    }

    static HeardAudio.Score score(Path recording) throws LabException {
        try {
            return HeardAudio.score(HeardAudio.samples(Files.readAllBytes(recording)));
        } catch (IOException | IllegalArgumentException e) {
            throw new LabException("cannot score the phone's recording " + recording + ": " + e.getMessage(), e);
        }
    }

    /** The worst call's figures: lowest MOS, highest loss, longest gap. Nothing without recordings. */
    static void figures(List<Heard> heard, Map<String, NetnsRunner.Figure> out, CaptureFigures.Sighting otherwise) {
        if (heard.isEmpty()) {
            return;
        }
        Heard worst = heard.stream().max(Comparator.comparingDouble(h -> h.score().lossPercent())).orElseThrow();
        Heard gap = heard.stream().max(Comparator.comparingInt(h -> h.score().longestGap())).orElseThrow();
        out.put(Metrics.MOS_HEARD_PHONE, figure(worst.score().mos(CODEC), worst, otherwise));
        out.put(Metrics.LOSS_HEARD_PHONE_PCT, figure(Math.round(worst.score().lossPercent() * 100) / 100.0, worst, otherwise));
        out.put(Metrics.AUDIO_GAP_HEARD_PHONE_S, figure(gap.score().longestGapSeconds(), gap, otherwise));
    }

    private static NetnsRunner.Figure figure(double value, Heard h, CaptureFigures.Sighting otherwise) {
        CaptureFigures.Sighting at = h.call().flatMap(CaptureFigures.CallSeen::answered).orElse(otherwise);
        return new NetnsRunner.Figure(value, AT + ", " + h.recording().getFileName(), new CaptureFigures.Sighting(at.at(), h.line(false)));
    }
}
