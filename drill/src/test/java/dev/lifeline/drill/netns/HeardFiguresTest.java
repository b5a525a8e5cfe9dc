package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeardFiguresTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private static final String PHONE = "10.201.0.2";

    @TempDir
    Path dir;

    private static CaptureFigures.CallSeen answered(Instant at, long sent, long delivered) {
        var call = new CaptureFigures.LabCall(CaptureFigures.Direction.OUTBOUND, at.minusSeconds(1), at.plusSeconds(10), PHONE, 5062,
                "+15557000", "");
        return new CaptureFigures.CallSeen(call, Optional.empty(), Optional.of(new CaptureFigures.Sighting(at, "200 OK")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, PHONE,
                Optional.of(new CaptureFigures.Loss(sent, delivered)));
    }

    /** 100 frames with every tenth lost and stood in for by the next (as baresip does). */
    private static short[] tenPercentLost() {
        short[] s = HeardAudio.signal(101);
        short[] out = Arrays.copyOf(s, 100 * HeardAudio.FRAME);
        for (int k = 5; k < 100; k += 10) {
            System.arraycopy(s, (k + 1) * HeardAudio.FRAME, out, k * HeardAudio.FRAME, HeardAudio.FRAME);
        }
        return out;
    }

    @Test
    void eachRecordingIsPairedInOrderWithThePhonesCallsAndTheWorstGivesTheFigures() throws Exception {
        Path first = Files.write(dir.resolve("dump-2026-12-07-01-00-00-dec.wav"), HeardAudio.wav(HeardAudio.signal(100)));
        Path second = Files.write(dir.resolve("dump-2026-12-07-01-00-20-dec.wav"), HeardAudio.wav(tenPercentLost()));
        Path broken = Files.writeString(dir.resolve("dump-2026-12-07-01-00-40-dec.wav"), "not audio");
        Path empty = Files.write(dir.resolve("dump-2026-12-07-01-00-41-dec.wav"), HeardAudio.wav(new short[0]));
        // the capture lists the calls in any order; the answers are 0.4 s after the second the recordings name
        List<CaptureFigures.CallSeen> seen = List.of(answered(T0.plusMillis(20_400), 100, 90), answered(T0.plusMillis(400), 100, 100));

        HeardFigures.Read read = HeardFigures.read(Map.of("1001", List.of(second, first), "1002", List.of(broken, empty)),
                Map.of("1001", PHONE, "1002", "10.201.0.3"), seen, ZoneOffset.UTC);

        assertThat(read.heard()).extracting(h -> h.recording().getFileName().toString() + " " + h.call().orElseThrow().answered()
                .orElseThrow().at()).containsExactlyInAnyOrder("dump-2026-12-07-01-00-00-dec.wav " + T0.plusMillis(400),
                "dump-2026-12-07-01-00-20-dec.wav " + T0.plusMillis(20_400));
        assertThat(read.unscored()).hasSize(2);
        assertThat(read.unscored().get(0)).contains(broken.toString()).contains("not a WAV file");
        assertThat(read.unscored().get(1)).contains("phone 1002's dump-2026-12-07-01-00-41-dec.wav holds no audio").endsWith("left out");
        assertThat(read.reading()).contains("phone 1001 heard 10.0 % loss (10 of 100 frames not heard: 10 repeated")
                .contains("the capture saw 10.0 % (10 of 100 RTP packets to the phone's port missing, lan.pcap)")
                .contains("phone: baresip's decoded audio, dump-2026-12-07-01-00-20-dec.wav");

        Map<String, NetnsRunner.Figure> figures = new LinkedHashMap<>();
        HeardFigures.figures(read.heard(), figures, new CaptureFigures.Sighting(T0, "start"));

        assertThat(figures.get(Metrics.LOSS_HEARD_PHONE_PCT).value()).isEqualTo(10.0);
        assertThat(figures.get(Metrics.MOS_HEARD_PHONE).value()).isCloseTo(EModel.expectedMos(CodecImpairment.G711, 10), within(1e-9));
        assertThat(figures.get(Metrics.AUDIO_GAP_HEARD_PHONE_S).value()).isEqualTo(0.02);
        assertThat(figures.get(Metrics.MOS_HEARD_PHONE).observedAt()).startsWith("phone: baresip's decoded audio");
        assertThat(figures.get(Metrics.MOS_HEARD_PHONE).sighting().at()).isEqualTo(T0.plusMillis(20_400));
    }

    @Test
    void aRecordingIsPairedOnlyWithACallAnsweredWhenItBegan() throws Exception {
        Path late = Files.write(dir.resolve("dump-2026-12-07-01-00-10-dec.wav"), HeardAudio.wav(HeardAudio.signal(50)));

        HeardFigures.Read read = HeardFigures.read(Map.of("1001", List.of(late)), Map.of("1001", PHONE),
                List.of(answered(T0.plusMillis(400), 100, 100)), ZoneOffset.UTC);

        assertThat(read.heard()).singleElement().satisfies(h -> assertThat(h.call()).isEmpty());
        assertThat(read.reading()).contains("no call of the phone in lan.pcap answered when it began");
        assertThat(HeardFigures.started(late, ZoneOffset.UTC)).contains(T0.plusSeconds(10));
        assertThat(HeardFigures.started(Path.of("dump-2026-13-07-01-00-10-dec.wav"), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aGroupsAnswerEndedAtOnceDoesNotTakeTheCallThePhoneAnsweredNext() throws Exception {
        // As seen in inbound-during-failover: 1003 answered at :02.13 (the gateway kept another phone and
        // ended it at once: an empty recording) and at :04.89 (kept: its audio).
        Path ended = Files.write(dir.resolve("dump-2026-12-07-01-00-02-dec.wav"), HeardAudio.wav(new short[0]));
        Path kept = Files.write(dir.resolve("dump-2026-12-07-01-00-04-dec.wav"), HeardAudio.wav(HeardAudio.signal(140)));

        HeardFigures.Read read = HeardFigures.read(Map.of("1003", List.of(ended, kept)), Map.of("1003", PHONE),
                List.of(answered(T0.plusMillis(4_895), 148, 148)), ZoneOffset.UTC);

        assertThat(read.heard()).singleElement().satisfies(h -> {
            assertThat(h.recording()).isEqualTo(kept);
            assertThat(h.call()).isPresent();
        });
        assertThat(read.unscored()).singleElement().asString().contains("dump-2026-12-07-01-00-02-dec.wav holds no audio");
    }

    @Test
    void noRecordingsNoFigures() {
        Map<String, NetnsRunner.Figure> figures = new LinkedHashMap<>();

        HeardFigures.figures(HeardFigures.read(Map.of("1001", List.of()), Map.of("1001", PHONE), List.of(), ZoneOffset.UTC).heard(), figures,
                new CaptureFigures.Sighting(T0, "start"));

        assertThat(figures).isEmpty();
    }
}
