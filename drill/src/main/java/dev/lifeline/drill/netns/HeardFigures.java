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
                    .orElse("; no call in lan.pcap to pair it with");
        }
    }

    private HeardFigures() {
    }

    /**
     * Reads and scores every recording; the {@code i}th recording of a phone is the {@code i}th call
     * the capture shows it answering (a phone holds one call at a time).
     *
     * @param recordings each site phone's recordings, oldest first, by extension
     * @param addresses  each site phone's LAN address, by extension
     */
    static Read read(Map<String, List<Path>> recordings, Map<String, String> addresses, List<CaptureFigures.CallSeen> seen) {
        List<Heard> out = new ArrayList<>();
        List<String> unscored = new ArrayList<>();
        for (var e : recordings.entrySet()) {
            String address = addresses.get(e.getKey());
            List<CaptureFigures.CallSeen> calls = seen.stream()
                    .filter(c -> c.answered().isPresent() && c.phone().equals(address))
                    .sorted(Comparator.comparing(c -> c.answered().get().at())).toList();
            for (int i = 0; i < e.getValue().size(); i++) {
                Path f = e.getValue().get(i);
                try {
                    out.add(new Heard(e.getKey(), f, score(f), i < calls.size() ? Optional.of(calls.get(i)) : Optional.empty()));
                } catch (LabException x) {
                    unscored.add(x.getMessage());   // one bad file loses that call's figures, not the scenario's
                }
            }
        }
        return new Read(out, unscored);
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
