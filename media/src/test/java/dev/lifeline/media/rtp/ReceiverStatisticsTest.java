package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReceiverStatisticsTest {

    private static final int RATE = 8000;
    private static final long PTIME_NANOS = 20_000_000L;    // 20 ms packets, 160 timestamp units

    private final ReceiverStatistics stats = new ReceiverStatistics(RATE);

    /** Delivers packet {@code i} of a steady 50 pps stream starting at sequence {@code first}. */
    private PacketVerdict deliver(int first, int i) {
        return stats.received((first + i) & 0xFFFF, 1000L + 160L * i, i * PTIME_NANOS);
    }

    @Test
    void aSourceIsValidatedAfterTwoPacketsInSequence() {
        assertThat(deliver(100, 0)).isEqualTo(PacketVerdict.PROBATION);
        assertThat(stats.isValidated()).isFalse();
        assertThat(stats.expected()).isZero();

        assertThat(deliver(100, 1)).isEqualTo(PacketVerdict.IN_ORDER);
        assertThat(stats.isValidated()).isTrue();
        // A.1 starts counting at the packet that completes probation.
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
    }

    @Test
    void probationStartsOverWhenPacketsAreNotInSequence() {
        stats.received(10, 0, 0);
        assertThat(stats.received(12, 0, 0)).isEqualTo(PacketVerdict.PROBATION);
        assertThat(stats.received(13, 0, 0)).isEqualTo(PacketVerdict.IN_ORDER);
    }

    @Test
    void cleanStreamHasNoLoss() {
        for (int i = 0; i < 500; i++) {
            deliver(1, i);
        }
        assertThat(stats.expected()).isEqualTo(499);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.lossFraction()).isZero();
        assertThat(stats.closeInterval()).isZero();
        assertThat(stats.jitter()).isZero();
        assertThat(stats.burstRatio()).isEqualTo(1);
    }

    @Test
    void extendedSequenceNumbersCountCyclesAcrossTheWrap() {
        for (int i = 0; i < 20; i++) {
            assertThat(deliver(65530, i)).isNotIn(PacketVerdict.BAD_JUMP, PacketVerdict.LATE);
        }
        assertThat(stats.extendedMax()).isEqualTo(65536 + 13);
        assertThat(stats.expected()).isEqualTo(19);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void randomLossIsCountedAndReported() {
        for (int i = 0; i < 1001; i++) {
            if (i % 10 != 5) {
                deliver(0, i);
            }
        }
        assertThat(stats.expected()).isEqualTo(1000);
        assertThat(stats.cumulativeLost()).isEqualTo(100);
        assertThat(stats.lossFraction()).isCloseTo(0.1, within(1e-12));
        assertThat(stats.closeInterval()).isEqualTo(25);    // 100·256/1000
        // Isolated single losses: mean run 1 against 1/(1 − 0.1) for random loss.
        assertThat(stats.burstRatio()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void lossRunsRaiseTheBurstRatio() {
        for (int i = 0; i < 2001; i++) {
            if (i % 100 < 95 || i < 2) {
                deliver(0, i);
            }
        }
        assertThat(stats.lossFraction()).isCloseTo(0.05, within(1e-3));
        assertThat(stats.burstRatio()).isCloseTo(5 * 0.95, within(0.01));
    }

    @Test
    void gilbertLossConvergesToOneOverPPlusQ() {
        SplittableRandom random = new SplittableRandom(42);
        double p = 0.02;
        double q = 0.25;
        boolean lossState = false;
        deliver(0, 0);
        deliver(0, 1);
        for (int i = 2; i < 200_000; i++) {
            lossState = lossState ? random.nextDouble() >= q : random.nextDouble() < p;
            if (!lossState) {
                deliver(0, i);
            }
        }
        assertThat(stats.lossFraction()).isCloseTo(p / (p + q), within(0.005));
        assertThat(stats.burstRatio()).isCloseTo(1 / (p + q), within(0.15));
    }

    @Test
    void duplicatesAreCountedAndDoNotHideLoss() {
        deliver(0, 0);
        deliver(0, 1);
        deliver(0, 2);
        assertThat(deliver(0, 2)).isEqualTo(PacketVerdict.DUPLICATE);
        deliver(0, 3);
        assertThat(deliver(0, 1)).isEqualTo(PacketVerdict.DUPLICATE);
        deliver(0, 5);     // 4 lost

        assertThat(stats.duplicates()).isEqualTo(2);
        // RFC 3550 counts duplicates as received, so the reported cumulative loss is 4 − 1 − 2 < 0.
        assertThat(stats.expected()).isEqualTo(5);
        assertThat(stats.received()).isEqualTo(6);
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
        assertThat(stats.lossFraction()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void reorderedPacketsAreLateNotLost() {
        deliver(0, 0);
        deliver(0, 1);
        deliver(0, 2);
        deliver(0, 4);
        assertThat(deliver(0, 3)).isEqualTo(PacketVerdict.LATE);
        deliver(0, 5);
        assertThat(deliver(0, 3)).isEqualTo(PacketVerdict.DUPLICATE);

        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.lossFraction()).isZero();
        assertThat(stats.burstRatio()).isEqualTo(1);
    }

    @Test
    void aLargeJumpIsDroppedUnlessTheSourceRestarted() {
        for (int i = 0; i < 10; i++) {
            deliver(1000, i);
        }
        assertThat(stats.received(30_000, 0, 0)).isEqualTo(PacketVerdict.BAD_JUMP);
        assertThat(deliver(1000, 10)).isEqualTo(PacketVerdict.IN_ORDER);    // a stray packet, ignored
        assertThat(stats.expected()).isEqualTo(10);

        assertThat(stats.received(40_000, 0, 0)).isEqualTo(PacketVerdict.BAD_JUMP);
        assertThat(stats.received(40_001, 160, 0)).isEqualTo(PacketVerdict.RESTARTED);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.received(40_002, 320, 0)).isEqualTo(PacketVerdict.IN_ORDER);
        assertThat(stats.extendedMax()).isEqualTo(40_002);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void aGapUpToMaxDropoutIsLossNotAJump() {
        deliver(0, 0);
        deliver(0, 1);
        // A.1 takes a forward step below MAX_DROPOUT as loss; the highest so far is 1.
        assertThat(deliver(0, 1 + ReceiverStatistics.MAX_DROPOUT - 1)).isEqualTo(PacketVerdict.IN_ORDER);
        assertThat(stats.cumulativeLost()).isEqualTo(ReceiverStatistics.MAX_DROPOUT - 2);

        ReceiverStatistics other = new ReceiverStatistics(RATE);
        other.received(0, 0, 0);
        other.received(1, 0, 0);
        assertThat(other.received(1 + ReceiverStatistics.MAX_DROPOUT, 0, 0)).isEqualTo(PacketVerdict.BAD_JUMP);
    }

    @Test
    void howFarBackAPacketMayArriveIsMaxMisorder() {
        for (int i = 0; i < 300; i++) {
            if (i != 200 && i != 50) {
                deliver(0, i);
            }
        }
        assertThat(deliver(0, 200)).isEqualTo(PacketVerdict.LATE);        // 99 behind, the most A.1 allows
        assertThat(deliver(0, 50)).isEqualTo(PacketVerdict.BAD_JUMP);     // 249 behind: A.1 sees a jump
        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void aPacketFromBeforeValidationIsLate() {
        deliver(7, 0);
        deliver(7, 1);
        deliver(7, 2);
        assertThat(deliver(7, 0)).isEqualTo(PacketVerdict.LATE);
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
    }

    @Test
    void fractionLostCoversOnlyTheInterval() {
        for (int i = 0; i < 101; i++) {
            if (i % 4 != 3) {
                deliver(0, i);
            }
        }
        assertThat(stats.closeInterval()).isEqualTo(64);       // a quarter lost
        for (int i = 101; i < 201; i++) {
            deliver(0, i);
        }
        assertThat(stats.closeInterval()).isZero();
        assertThat(stats.closeInterval()).isZero();             // empty interval
    }

    @Test
    void jitterOfAlternatingDelayConvergesToTheDelayStep() {
        for (int i = 0; i < 400; i++) {
            long wobble = (i % 2) * 5_000_000L;    // every other packet 5 ms late
            stats.received(i, 160L * i, i * PTIME_NANOS + wobble);
        }
        // |D| is 5 ms = 40 timestamp units on every step.
        assertThat(stats.jitter()).isCloseTo(40, within(0.01));
        assertThat(stats.jitterMillis()).isCloseTo(5, within(0.001));
        assertThat(stats.reportBlock(1, 0).jitter()).isEqualTo(39);
    }

    @Test
    void jitterIgnoresTheTimestampWrap() {
        long start = 0xFFFF_FFFFL - 800;
        for (int i = 0; i < 20; i++) {
            stats.received(i, (start + 160L * i) & 0xFFFF_FFFFL, i * PTIME_NANOS);
        }
        assertThat(stats.jitter()).isCloseTo(0, within(1e-6));
    }

    @Test
    void reportBlockEchoesTheLastSenderReport() {
        for (int i = 0; i < 11; i++) {
            if (i != 5) {
                deliver(0, i);
            }
        }
        long ntp = NtpTime.fromInstant(Instant.parse("2025-03-01T12:00:00Z"));
        stats.senderReportReceived(ntp, 1_000_000_000L);

        ReportBlock block = stats.reportBlock(0xABCDL, 2_500_000_000L);

        assertThat(block.ssrc()).isEqualTo(0xABCDL);
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.toShort(ntp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(NtpTime.toShortUnits(Duration.ofMillis(1500)));
        assertThat(block.extendedHighestSequence()).isEqualTo(10);
        assertThat(block.cumulativeLost()).isEqualTo(1);
        assertThat(block.fractionLost()).isEqualTo(25);    // 1·256/10
        assertThat(stats.snapshot().expected()).isEqualTo(10);
    }

    @Test
    void reportBlockWithoutSenderReportHasNoLsr() {
        deliver(0, 0);
        deliver(0, 1);
        ReportBlock block = stats.reportBlock(1, 0);
        assertThat(block.lastSenderReport()).isZero();
        assertThat(block.delaySinceLastSenderReport()).isZero();
    }

    @Test
    void snapshotFeedsTheEModel() {
        for (int i = 0; i < 1001; i++) {
            if (i % 20 != 7) {
                deliver(0, i);
            }
        }
        ReceptionSnapshot s = stats.snapshot();
        assertThat(s.lossFraction()).isCloseTo(0.05, within(1e-9));
        assertThat(s.burstRatio()).isCloseTo(0.95, within(1e-9));
        assertThat(s.jitterMillis()).isZero();
    }
}
