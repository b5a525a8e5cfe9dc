package dev.lifeline.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.media.quality.SpeechLikeSignal.Frame;
import dev.lifeline.media.quality.SpeechLikeSignal.Law;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechLikeSignalTest {

    private static List<Frame> frames(SpeechLikeSignal s, int n) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.next());
        }
        return out;
    }

    @Test
    void oneSecondTalkspurtsAndPausesOfFourHundredMilliseconds() {
        List<Frame> f = frames(new SpeechLikeSignal(1), 140);

        assertThat(f.subList(0, 50)).allMatch(Frame::speech);
        assertThat(f.subList(50, 70)).noneMatch(Frame::speech);
        assertThat(f.subList(70, 120)).allMatch(Frame::speech);
        assertThat(f).filteredOn(Frame::talkspurtStart).extracting(Frame::index).containsExactly(0L, 70L);
        assertThat(f).allMatch(x -> x.payload().length == 160);
    }

    @Test
    void talkIsLoudAndPausesAreSilentByTheLevelCheck() {
        for (Frame x : frames(new SpeechLikeSignal(2), 140)) {
            double level = SpeechLikeSignal.levelDbov(x.payload(), Law.ULAW);
            if (x.speech()) {
                assertThat(level).as("frame %d", x.index()).isBetween(-35.0, -8.0);
                assertThat(SpeechLikeSignal.isSilence(x.payload(), Law.ULAW)).isFalse();
            } else {
                assertThat(SpeechLikeSignal.isSilence(x.payload(), Law.ULAW)).as("frame %d", x.index()).isTrue();
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        List<Frame> a = frames(new SpeechLikeSignal(7), 100);
        List<Frame> b = frames(new SpeechLikeSignal(7), 100);
        List<Frame> c = frames(new SpeechLikeSignal(8), 100);

        for (int i = 0; i < 100; i++) {
            assertThat(a.get(i).payload()).isEqualTo(b.get(i).payload());
        }
        assertThat(a.get(10).payload()).isNotEqualTo(c.get(10).payload());
    }

    @Test
    void aLawAndRandomLengthsWork() {
        SpeechLikeSignal s = new SpeechLikeSignal(3, Law.ALAW, Duration.ofMillis(600), Duration.ofMillis(1400),
                Duration.ofMillis(200), Duration.ofMillis(600));
        List<Frame> f = frames(s, 1000);

        assertThat(f).filteredOn(Frame::talkspurtStart).hasSizeBetween(8, 30);
        assertThat(f).filteredOn(Frame::speech)
                .allMatch(x -> SpeechLikeSignal.levelDbov(x.payload(), Law.ALAW) > SpeechLikeSignal.SILENCE_DBOV);
        assertThat(Law.ALAW.payloadType()).isEqualTo(8);
    }

    @Test
    void impossibleLengthsAreRefused() {
        assertThatThrownBy(() -> new SpeechLikeSignal(1, Law.ULAW, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkMin");
    }
}
