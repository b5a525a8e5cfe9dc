package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.media.codec.G711;
import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeardAudioTest {

    private static final int F = HeardAudio.FRAME;

    /** The numbered signal's frames {@code 0..frames-1} as separate blocks, to drop, repeat or replace. */
    private static List<short[]> frames(int frames) {
        short[] s = HeardAudio.signal(frames);
        List<short[]> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            out.add(Arrays.copyOfRange(s, k * F, (k + 1) * F));
        }
        return out;
    }

    private static short[] join(List<short[]> blocks) {
        short[] out = new short[blocks.size() * F];
        for (int i = 0; i < blocks.size(); i++) {
            System.arraycopy(blocks.get(i), 0, out, i * F, F);
        }
        return out;
    }

    /** Through G.711 µ-law and back, as the call carries it. */
    private static short[] viaPcmu(short[] pcm) {
        byte[] codes = new byte[pcm.length];
        G711.encodeUlaw(pcm, 0, codes, 0, pcm.length);
        short[] out = new short[pcm.length];
        G711.decodeUlaw(codes, 0, out, 0, pcm.length);
        return out;
    }

    @Test
    void everyFrameOfACleanCallThroughPcmuIsHeard() {
        HeardAudio.Score s = HeardAudio.score(viaPcmu(HeardAudio.signal(500)));

        assertThat(s).isEqualTo(new HeardAudio.Score(0, 500, 500, 0, 0, 0, 0));
        assertThat(s.lossPercent()).isZero();
        assertThat(s.mos(CodecImpairment.G711)).isCloseTo(EModel.expectedMos(CodecImpairment.G711, 0), within(1e-9));
    }

    @Test
    void aLostPacketThatTheDecoderStandsInForWithTheNextFrameTwiceIsOneFrameMissing() {
        // baresip 1.0.0 without PLC: frame 7 lost, frame 8 played twice; 20 and 21 lost, 22 played twice twice.
        List<short[]> f = frames(100);
        List<short[]> played = new ArrayList<>(f);
        played.set(7, f.get(8));
        played.set(20, f.get(22));
        played.set(21, f.get(22));

        HeardAudio.Score s = HeardAudio.score(viaPcmu(join(played)));

        assertThat(s.expected()).isEqualTo(100);
        assertThat(s.heard()).isEqualTo(97);
        assertThat(s.repeats()).isEqualTo(3);
        assertThat(s.missing()).isEqualTo(3);
        assertThat(s.longestGap()).isEqualTo(2);
        assertThat(s.lossPercent()).isEqualTo(3.0);
        assertThat(s.longestGapSeconds()).isEqualTo(0.04);
    }

    @Test
    void framesThatNeverReachedTheDecoderAreMissingFromTheIndexEvenWithoutAnyBlockForThem() {
        // A cut: no packets, so no blocks in the recording; the index jumps from 39 to 90.
        List<short[]> f = frames(120);
        List<short[]> played = new ArrayList<>(f.subList(0, 40));
        played.addAll(f.subList(90, 120));

        HeardAudio.Score s = HeardAudio.score(join(played));

        assertThat(s.expected()).isEqualTo(120);
        assertThat(s.missing()).isEqualTo(50);
        assertThat(s.longestGap()).isEqualTo(50);
        assertThat(s.longestGapSeconds()).isEqualTo(1.0);
    }

    @Test
    void silenceWhereTheSignalShouldBeIsMissingAndCountsAsSilent() {
        List<short[]> f = frames(80);
        for (int k = 50; k < 60; k++) {
            f.set(k, new short[F]);
        }

        HeardAudio.Score s = HeardAudio.score(join(f));

        assertThat(s.silent()).isEqualTo(10);
        assertThat(s.missing()).isEqualTo(10);
        assertThat(s.longestGap()).isEqualTo(10);
        assertThat(s.lossPercent()).isEqualTo(12.5);
    }

    @Test
    void concealmentThatFadesThePreviousFrameIsNotHeard() {
        // PLC-like: the frame before, attenuated by 6 dB, and then by 12 dB, stands in for two lost ones.
        List<short[]> f = frames(60);
        f.set(30, scaled(f.get(29), 0.5));
        f.set(31, scaled(f.get(29), 0.25));

        HeardAudio.Score s = HeardAudio.score(viaPcmu(join(f)));

        assertThat(s.unreadable()).isEqualTo(2);
        assertThat(s.heard()).isEqualTo(58);
        assertThat(s.missing()).isEqualTo(2);
        assertThat(s.longestGap()).isEqualTo(2);
    }

    @Test
    void aFrameRepeatedAtFullLevelIsARepeatNotAFrameHeard() {
        List<short[]> f = frames(40);
        f.set(11, f.get(10));

        HeardAudio.Score s = HeardAudio.score(join(f));

        assertThat(s.repeats()).isEqualTo(1);
        assertThat(s.missing()).isEqualTo(1);
    }

    @Test
    void silenceAtTheEndOfTheRecordingIsAGapUntilItsEnd() {
        List<short[]> f = frames(50);
        for (int k = 0; k < 25; k++) {
            f.add(new short[F]);
        }

        HeardAudio.Score s = HeardAudio.score(join(f));

        assertThat(s.expected()).isEqualTo(75);
        assertThat(s.longestGap()).isEqualTo(25);
        assertThat(s.longestGapSeconds()).isEqualTo(0.5);
    }

    @Test
    void aRecordingWithNothingOfTheSignalIsAllLoss() {
        HeardAudio.Score s = HeardAudio.score(new short[F * 10]);

        assertThat(s.firstIndex()).isEqualTo(-1);
        assertThat(s.lossPercent()).isEqualTo(100.0);
        assertThat(s.longestGap()).isEqualTo(10);
        assertThat(s.mos(CodecImpairment.G711)).isLessThan(1.5);
    }

    @Test
    void aLossFigureGivesTheE_ModelMosForG711() {
        List<short[]> f = frames(100);
        List<short[]> played = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            played.add(k % 10 == 5 ? f.get(k + 1) : f.get(k));   // 10 % lost, each stood in for by the next
        }

        HeardAudio.Score s = HeardAudio.score(join(played));

        assertThat(s.lossPercent()).isEqualTo(10.0);
        assertThat(s.mos(CodecImpairment.G711)).isCloseTo(EModel.expectedMos(CodecImpairment.G711, 10), within(1e-9))
                .isLessThan(s.mos(CodecImpairment.G711_PLC));
    }

    @Test
    void theWavWrittenIsTheWavRead() {
        short[] signal = HeardAudio.signal(3);

        assertThat(HeardAudio.samples(HeardAudio.wav(signal))).containsExactly(signal);
    }

    @Test
    void aRecordingCutShortIsReadAsFarAsItGoes() {
        byte[] wav = HeardAudio.wav(HeardAudio.signal(4));

        assertThat(HeardAudio.samples(Arrays.copyOf(wav, 44 + 2 * F * 3 + 7))).hasSize(3 * F + 3);
    }

    @Test
    void aFileThatIsNotEightKilohertzMonoPcmSaysWhatItIs() {
        byte[] wav = HeardAudio.wav(HeardAudio.signal(1));
        wav[22] = 2;   // channels

        assertThatThrownBy(() -> HeardAudio.samples(wav)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 channel(s)").hasMessageContaining("expected PCM (1), 1 channel, 8000 Hz, 16 bit");
        assertThatThrownBy(() -> HeardAudio.samples("hello".getBytes())).hasMessageContaining("not a WAV file");
    }

    @Test
    void theSignalIsNumberedUpToItsLimitAndNoFurther() {
        short[] s = HeardAudio.signal(HeardAudio.MAX_FRAMES);

        assertThat(HeardAudio.index(s, (HeardAudio.MAX_FRAMES - 1) * F)).isEqualTo(HeardAudio.MAX_FRAMES - 1);
        assertThatThrownBy(() -> HeardAudio.signal(HeardAudio.MAX_FRAMES + 1)).hasMessageContaining("1 to 4096");
    }

    private static short[] scaled(short[] block, double gain) {
        short[] out = new short[block.length];
        for (int i = 0; i < block.length; i++) {
            out[i] = (short) Math.round(block[i] * gain);
        }
        return out;
    }
}
