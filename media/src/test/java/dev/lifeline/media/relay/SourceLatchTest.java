package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.media.relay.SourceLatch.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceLatchTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 4000);
    private static final InetSocketAddress NEW_MAPPING = new InetSocketAddress("127.0.0.1", 5000);
    /** Same IP as the phone (behind the same NAT, or spoofing it) but another port. */
    private static final InetSocketAddress NEIGHBOUR = new InetSocketAddress("127.0.0.1", 6666);
    /** An IP the call's SDP and signalling never named. */
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("127.0.0.77", 4000);
    private static final long MS = 1_000_000;

    private final SourceLatch latch = new SourceLatch(new LatchPolicy(3, Duration.ofSeconds(2)));

    @BeforeEach
    void expectThePhone() {
        latch.expect(Set.of(PHONE.getAddress()));
    }

    @Test
    void theFirstPacketFromAnExpectedAddressLatchesAndItsSourcePasses() {
        assertThat(latch.offer(PHONE, 1, 0)).isEqualTo(Outcome.LATCHED);
        assertThat(latch.offer(PHONE, 1, 20 * MS)).isEqualTo(Outcome.ACCEPTED);
        assertThat(latch.latched()).contains(PHONE);
    }

    @Test
    void anyPortOfAnExpectedAddressMayLatchFirstAsANatMapsPortsFreely() {
        assertThat(latch.offer(NEW_MAPPING, 1, 0)).isEqualTo(Outcome.LATCHED);
    }

    @Test
    void aFirstPacketFromAnotherAddressIsForeignAndLatchesNothing() {
        assertThat(latch.offer(ATTACKER, 0xBAD, 0)).isEqualTo(Outcome.FOREIGN);

        assertThat(latch.latched()).isEmpty();
        assertThat(latch.offer(PHONE, 1, 20 * MS)).isEqualTo(Outcome.LATCHED);
    }

    @Test
    void withNoExpectedAddressNothingLatches() {
        latch.expect(Set.of());

        assertThat(latch.offer(PHONE, 1, 0)).isEqualTo(Outcome.FOREIGN);
        assertThat(latch.latched()).isEmpty();
    }

    @Test
    void aForeignAddressNeverTakesOverEvenAfterLongSilence() {
        latch.offer(PHONE, 1, 0);
        for (int i = 1; i <= 100; i++) {
            assertThat(latch.offer(ATTACKER, 1, 60_000 * MS + i * 20 * MS)).isEqualTo(Outcome.FOREIGN);
        }
        assertThat(latch.latched()).contains(PHONE);
    }

    @Test
    void anotherSourceNeverTakesOverWhileTheLatchedOneSends() {
        latch.offer(PHONE, 7, 0);
        for (int i = 1; i <= 200; i++) {
            // Same SSRC as the phone's, as a NAT rebinding would have, and still refused.
            assertThat(latch.offer(NEIGHBOUR, 7, i * 20 * MS)).isEqualTo(Outcome.REJECTED);
            latch.offer(PHONE, 7, i * 20 * MS);
        }
        assertThat(latch.latched()).contains(PHONE);
    }

    @Test
    void anotherSourceIsRefusedUntilTheLatchedOneHasBeenQuietForTheSilence() {
        latch.offer(PHONE, 1, 0);
        for (int i = 1; i < 100; i++) {
            assertThat(latch.offer(NEW_MAPPING, 2, i * 20 * MS)).isEqualTo(Outcome.REJECTED);
        }
        assertThat(latch.offer(NEW_MAPPING, 2, 2_000 * MS)).isEqualTo(Outcome.RELATCHED);
        assertThat(latch.latched()).contains(NEW_MAPPING);
        assertThat(latch.offer(PHONE, 1, 2_020 * MS)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void afterSilenceANewcomerStillNeedsItsConsistentPackets() {
        latch.offer(PHONE, 7, 0);

        assertThat(latch.offer(NEW_MAPPING, 7, 3_000 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 7, 3_020 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 7, 3_040 * MS)).isEqualTo(Outcome.RELATCHED);
    }

    @Test
    void anInterleavedSourceBreaksTheRunOfConsistentPackets() {
        latch.offer(PHONE, 7, 0);
        latch.offer(NEW_MAPPING, 7, 3_000 * MS);
        latch.offer(NEW_MAPPING, 7, 3_020 * MS);
        latch.offer(NEIGHBOUR, 7, 3_030 * MS);

        assertThat(latch.offer(NEW_MAPPING, 7, 3_040 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(NEW_MAPPING, 8, 3_060 * MS)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void afterAMoveTheLatchedSourceCountsAsQuietOnTheNewSockets() {
        latch.expect(List.of(PHONE.getAddress(), ATTACKER.getAddress()));   // path 2's address, say
        InetSocketAddress viaPath2 = new InetSocketAddress("127.0.0.77", 7000);
        latch.offer(PHONE, 7, 0);
        latch.offer(PHONE, 7, 20 * MS);

        latch.movedToNewSockets();

        assertThat(latch.latched()).contains(PHONE);   // still where media goes until path 2 sends
        assertThat(latch.offer(viaPath2, 9, 40 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(viaPath2, 9, 60 * MS)).isEqualTo(Outcome.REJECTED);
        assertThat(latch.offer(viaPath2, 9, 80 * MS)).isEqualTo(Outcome.RELATCHED);
    }

    @Test
    void theLatchedSourceSendingOnTheNewSocketsHoldsTheLegAgain() {
        latch.offer(PHONE, 7, 0);
        latch.movedToNewSockets();
        latch.offer(PHONE, 7, 20 * MS);

        for (int i = 0; i < 10; i++) {
            assertThat(latch.offer(NEW_MAPPING, 7, 40 * MS + i * MS)).isEqualTo(Outcome.REJECTED);
        }
    }

    @Test
    void aLatchedSourceWhoseAddressIsNoLongerExpectedIsForgotten() {
        latch.offer(PHONE, 1, 0);

        latch.expect(Set.of(ATTACKER.getAddress()));

        assertThat(latch.latched()).isEmpty();
        assertThat(latch.offer(PHONE, 1, 20 * MS)).isEqualTo(Outcome.FOREIGN);
    }

    @Test
    void resetLetsTheNextExpectedSourceLatchAtOnce() {
        latch.offer(PHONE, 1, 0);
        latch.reset();

        assertThat(latch.offer(NEW_MAPPING, 2, MS)).isEqualTo(Outcome.LATCHED);
    }

    @Test
    void theDefaultPolicyHoldsALiveLegForTwoSecondsOfSilence() throws Exception {
        SourceLatch defaults = new SourceLatch(LatchPolicy.DEFAULT);
        defaults.expect(Set.of(InetAddress.getByName("127.0.0.1")));
        defaults.offer(PHONE, 1, 0);
        for (int i = 1; i <= 5; i++) {
            assertThat(defaults.offer(NEW_MAPPING, 2, 1_900 * MS + i * MS)).isEqualTo(Outcome.REJECTED);
        }
        assertThat(defaults.offer(NEW_MAPPING, 2, 2_000 * MS)).isEqualTo(Outcome.RELATCHED);
    }
}
