package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transaction.TimerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoXxRetransmitterTest {

    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<Long> gaveUpAt = new ArrayList<>();
    private final TwoXxRetransmitter retransmitter = new TwoXxRetransmitter(TimerConfig.DEFAULT, scheduler,
            () -> sentAt.add(scheduler.now()), () -> gaveUpAt.add(scheduler.now()));

    @Test
    void intervalsDoubleFromT1UpToT2AndStopAt64T1() {
        retransmitter.start();
        scheduler.advance(60_000);

        assertThat(sentAt).containsExactly(500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L,
                27_500L, 31_500L);
        assertThat(gaveUpAt).containsExactly(32_000L);
        assertThat(retransmitter.stopped()).isTrue();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void ackStopsRetransmissionAndGivingUp() {
        retransmitter.start();
        scheduler.advance(2_000);
        retransmitter.stop();
        scheduler.advance(60_000);

        assertThat(sentAt).containsExactly(500L, 1_500L);
        assertThat(gaveUpAt).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void ackBeforeStartMeansNoRetransmissionAtAll() {
        retransmitter.stop();
        retransmitter.start();
        scheduler.advance(60_000);

        assertThat(sentAt).isEmpty();
        assertThat(gaveUpAt).isEmpty();
    }

    @Test
    void shortT1StillEndsExactlyAt64T1() {
        List<Long> sent = new ArrayList<>();
        List<Long> end = new ArrayList<>();
        TimerConfig fast = new TimerConfig(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(400),
                java.time.Duration.ofMillis(500));
        new TwoXxRetransmitter(fast, scheduler, () -> sent.add(scheduler.now()), () -> end.add(scheduler.now())).start();
        scheduler.advance(10_000);

        assertThat(sent).startsWith(50L, 150L, 350L, 750L, 1_150L).allMatch(t -> t < 3_200L);
        assertThat(end).containsExactly(3_200L);
    }
}
