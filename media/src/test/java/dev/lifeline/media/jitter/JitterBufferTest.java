package dev.lifeline.media.jitter;

import static dev.lifeline.media.jitter.StreamSimulation.MS;
import static dev.lifeline.media.jitter.StreamSimulation.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Synthetic arrival patterns through the jitter buffer: what a listener would get from each. */
class JitterBufferTest {

    @Test
    void aSteadyStreamPlaysEveryFrameAtTheMinimumDelay() {
        StreamSimulation sim = stream();
        PlayoutReport r = sim.run();

        assertThat(r.expected()).isEqualTo(500);
        assertThat(r.received()).isEqualTo(500);
        assertThat(r.lost()).isZero();
        assertThat(r.late()).isZero();
        assertThat(r.effectiveLossPercent()).isZero();
        // The start-up surplus (40 ms initial delay over a 20 ms target) is given back once, in speech after 5 s.
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.played()).isEqualTo(499);
        assertThat(r.concealed()).isZero();
        assertThat(r.targetDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(r.meanDelay()).isBetween(Duration.ofMillis(20), Duration.ofMillis(60));
        assertThat(r.maxDelay()).isLessThanOrEqualTo(Duration.ofMillis(60));
        assertThat(r.jitter()).isEqualTo(Duration.ZERO);
        assertThat(r.audioGap()).isLessThanOrEqualTo(Duration.ofMillis(40));
        assertThat(r.firstAudio()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(70), Duration.ofMillis(100)));
    }

    @Test
    void theStartupSurplusIsGivenBackInSilence() {
        StreamSimulation sim = stream();
        sim.packets = 1500;
        sim.silence = i -> i % 70 >= 50;   // 1 s talk, 0.4 s silence
        PlayoutReport r = sim.run();

        assertThat(r.skipped()).isGreaterThanOrEqualTo(1);
        assertThat(r.late()).isZero();
        assertThat(r.meanDelay()).isLessThan(Duration.ofMillis(40));
    }

    @Test
    void constantJitterGrowsTheDelayToKeepLatePacketsRare() {
        StreamSimulation sim = stream();
        sim.packets = 3000;
        sim.delay = StreamSimulation.randomJitter(20, 60, 11);
        PlayoutReport r = sim.run();

        assertThat(r.lost()).isZero();
        assertThat(r.latePercent()).isLessThan(3.0);
        assertThat(r.targetDelay()).isBetween(Duration.ofMillis(45), Duration.ofMillis(80));
        assertThat(r.meanDelay()).isGreaterThan(Duration.ofMillis(30));
        // Uniform 0..60 ms: mean |D| is 20 ms, which the RFC 3550 estimator approaches.
        assertThat(r.jitter()).isBetween(Duration.ofMillis(12), Duration.ofMillis(28));
        assertThat(r.effectiveLossPercent()).isEqualTo(100.0 * r.late() / r.expected());
    }

    @Test
    void aDelaySpikeCostsSomeLatePacketsGrowsTheBufferAndItShrinksBackSlowly() {
        StreamSimulation sim = stream();
        sim.packets = 2500;
        sim.silence = i -> i % 70 >= 50;
        // At 10 s a 300 ms stall: packets 500..514 queue up and come out together.
        sim.delay = i -> i >= 500 && i < 515 ? (30 + 300 - 20 * (i - 500)) * MS : 30 * MS;
        PlayoutReport r = sim.run();

        assertThat(r.lost()).isZero();
        assertThat(r.late()).isBetween(5L, 15L);
        assertThat(r.inserted()).isGreaterThan(3);
        assertThat(r.maxDelay()).isGreaterThan(Duration.ofMillis(100));
        assertThat(r.audioGap()).isBetween(Duration.ofMillis(100), Duration.ofMillis(400));
        // Grown to the ceiling soon after the spike, back near the floor by the end.
        assertThat(r.timeline().get(11).targetDelay()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(r.timeline().getLast().targetDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(r.skipped()).isGreaterThan(3);
    }

    @Test
    void aStepUpInThePathsDelayIsPlayedFromWithinAFractionOfASecond() {
        // At 4 s every packet starts taking 300 ms longer (a slower route, as after a move to a
        // worse path, or 150 ms more each way on an echoed stream) and keeps doing so.
        StreamSimulation sim = stream();
        sim.packets = 600;
        sim.delay = i -> i < 200 ? 30 * MS : 330 * MS;
        PlayoutReport r = sim.run();

        assertThat(r.lost()).isZero();
        // The first packets after the step miss their ticks; then playout starts again from the
        // new delay instead of waiting for the 5 s transit window to forget the old one.
        assertThat(r.audioGap()).isLessThan(Duration.ofMillis(700));
        assertThat(r.late()).isBetween(5L, 30L);
        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(r.timeline().get(6).played()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void aLossBurstIsLostNotLateAndShowsAsTheAudioGap() {
        StreamSimulation sim = stream();
        sim.packets = 500;
        sim.delay = i -> i >= 200 && i < 250 ? -1L : 30 * MS;
        PlayoutReport r = sim.run();

        assertThat(r.expected()).isEqualTo(500);
        assertThat(r.lost()).isEqualTo(50);
        assertThat(r.late()).isZero();
        assertThat(r.effectiveLossPercent()).isEqualTo(10.0);
        assertThat(r.concealed()).isBetween(50L, 52L);
        assertThat(r.audioGap()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1040));
        assertThat(r.burstRatio()).isGreaterThan(10);
        // 4.0 .. 5.0 s after creation: the burst, seen in the timeline.
        assertThat(r.timeline().get(4).concealed()).isGreaterThanOrEqualTo(45);
        assertThat(r.timeline().get(4).played()).isLessThanOrEqualTo(5);
        assertThat(r.timeline().get(2).concealed()).isZero();
    }

    @Test
    void reorderedPacketsArePlayedInOrder() {
        StreamSimulation sim = stream();
        sim.packets = 1000;
        // Every tenth packet is held up and arrives after its successor.
        sim.delay = i -> i % 10 == 5 ? 55 * MS : 30 * MS;
        PlayoutReport r = sim.run();

        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.late()).isLessThanOrEqualTo(3);
        assertThat(r.played() + r.skipped()).isEqualTo(1000 - r.late());
    }

    @Test
    void duplicatesAreDroppedAndNotCounted() {
        StreamSimulation sim = stream();
        sim.duplicated = i -> i % 7 == 0;
        PlayoutReport r = sim.run();

        assertThat(r.duplicates()).isEqualTo(72);
        assertThat(r.received()).isEqualTo(500);
        assertThat(r.lost()).isZero();
        assertThat(r.played() + r.skipped()).isEqualTo(500);
        assertThat(sim.verdicts).filteredOn(v -> v == ArrivalVerdict.DUPLICATE).hasSize(72);
    }

    @Test
    void sequenceNumbersAndTimestampsWrap() {
        StreamSimulation sim = stream();
        sim.packets = 2000;
        sim.firstSeq = 65_000;
        sim.firstTs = 0xFFFF_FFFFL - 160L * 700;
        sim.delay = StreamSimulation.randomJitter(10, 30, 3);
        PlayoutReport r = sim.run();

        assertThat(r.expected()).isEqualTo(2000);
        assertThat(r.received()).isEqualTo(2000);
        assertThat(r.lost()).isZero();
        assertThat(r.played() + r.skipped() + r.late()).isEqualTo(2000);
        assertThat(r.resyncs()).isZero();
    }

    @Test
    void aVeryLatePacketIsDiscardedAndCountedLateNotLost() {
        StreamSimulation sim = stream();
        sim.delay = i -> i == 100 ? 700 * MS : 30 * MS;
        PlayoutReport r = sim.run();

        assertThat(r.late()).isEqualTo(1);
        assertThat(r.lost()).isZero();
        assertThat(r.effectiveLossPercent()).isEqualTo(0.2);
        assertThat(sim.verdicts).contains(ArrivalVerdict.LATE);
    }

    @Test
    void aNewSsrcRestartsPlayoutAndKeepsTheCounts() {
        StreamSimulation sim = stream();
        sim.packets = 400;
        sim.ssrcOf = i -> i < 200 ? 1L : 2L;
        PlayoutReport r = sim.run();

        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(r.expected()).isEqualTo(400);
        assertThat(r.received()).isEqualTo(400);
        assertThat(r.lost()).isZero();
        assertThat(r.played()).isGreaterThanOrEqualTo(395);
    }

    @Test
    void withNothingReceivedTheGapIsTheWholeTime() {
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.G711_20MS, 0);
        for (int i = 1; i <= 100; i++) {
            assertThat(buffer.tick(i * 20 * MS)).isEqualTo(Playout.WAITING);
        }
        PlayoutReport r = buffer.report(2000 * MS);

        assertThat(r.expected()).isZero();
        assertThat(r.effectiveLossPercent()).isZero();
        assertThat(r.audioGap()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.firstAudio()).isEmpty();
        assertThat(r.timeline()).hasSize(3);
    }

    @Test
    void theTimelineCountsEachSecond() {
        StreamSimulation sim = stream();
        sim.packets = 250;
        PlayoutReport r = sim.run();

        assertThat(r.timeline()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(r.timeline().get(1).start()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.timeline().get(1).played()).isEqualTo(50);
        assertThat(r.timeline().get(1).concealedPercent()).isZero();
        assertThat(r.timeline().stream().mapToLong(PlayoutInterval::played).sum()).isEqualTo(r.played());
    }

    @Test
    void configIsValidatedWithClearMessages() {
        JitterBufferConfig c = JitterBufferConfig.G711_20MS;
        assertThatThrownBy(() -> c.withDelays(Duration.ofMillis(100), Duration.ofMillis(40), Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minDelay <= maxDelay");
        assertThatThrownBy(() -> new RtpArrival(1, 70_000, 0, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThat(c.samplesPerFrame()).isEqualTo(160);
    }
}
