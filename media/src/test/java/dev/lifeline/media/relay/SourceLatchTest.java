package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.media.relay.SourceLatch.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceLatchTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 4000);
    private static final InetSocketAddress NEW_MAPPING = new InetSocketAddress("127.0.0.1", 5000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("127.0.0.1", 6666);
    private static final long MS = 1_000_000;

    private final SourceLatch latch = new SourceLatch(new LatchPolicy(3, Duration.ofSeconds(1)));

    @Test
    void theFirstPacketLatchesAndItsSourcePasses() {
        assertThat(latch.offer(PHONE, 1, 0)).isEqualTo(Outcome.LATCHED);
        assertThat(latch.offer(PHONE, 1, 20 * MS)).isEqualTo(Outcome.ACCEPTED);
        assertThat(latch.latched()).contains(PHONE);
    }

    @Test
    void aForeignStreamNeverTakesOverWhileThePhoneTalks() {
        latch.offer(PHONE, 1, 0);
        for (int i = 1; i <= 200; i++) {
            assertThat(latch.offer(ATTACKER, 0xBAD, i * 20 * MS)).isEqualTo(Outcome.REJECTED);
            latch.offer(PHONE, 1, i * 20 * MS);
        }
        assertThat(latch.latched()).contains(PHONE);
    }

    @Test
    void aForeignStreamIsRejectedEvenAloneUntilThePhoneHasBeenSilentLongEnough() {
        latch.offer(PHONE, 1, 0);
        for (int i = 1; i < 49; i++) {
            assertThat(latch.offer(ATTACKER, 0xBAD, i * 20 * MS)).isEqualTo(Outcome.REJECTED);
        }
        assertThat(latch.offer(ATTACKER, 0xBAD, 1_000 * MS)).isEqualTo(Outcome.RELATCHED);
        assertThat(latch.latched()).contains(ATTACKER);
    }

    @Test
    void theSameStreamFromANewNatMappingTakesOverAfterConsistentPackets() {
        latch.offer(PHONE, 7, 0);

        assertThat(latch.offer(NEW_MAPPING, 7, 20 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 7, 40 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 7, 60 * MS)).isEqualTo(Outcome.RELATCHED);
        assertThat(latch.offer(PHONE, 7, 80 * MS)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void anInterleavedSourceBreaksTheRunOfConsistentPackets() {
        latch.offer(PHONE, 7, 0);
        latch.offer(NEW_MAPPING, 7, 2_000 * MS);
        latch.offer(NEW_MAPPING, 7, 2_020 * MS);
        latch.offer(ATTACKER, 7, 2_030 * MS);

        assertThat(latch.offer(NEW_MAPPING, 7, 2_040 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 8, 2_060 * MS)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void resetLetsTheNextSourceLatchAtOnce() {
        latch.offer(PHONE, 1, 0);
        latch.reset();

        assertThat(latch.offer(NEW_MAPPING, 2, MS)).isEqualTo(Outcome.LATCHED);
    }
}
