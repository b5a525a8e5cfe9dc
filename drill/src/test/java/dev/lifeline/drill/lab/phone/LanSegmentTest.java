package dev.lifeline.drill.lab.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.lab.phone.LanSegment.Way;
import dev.lifeline.drill.lab.wan.Impairment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The LAN segment's per-packet decisions on made-up times (20 ms packets), no sockets. */
class LanSegmentTest {

    private static final long PACKET = Duration.ofMillis(20).toNanos();

    @Test
    void aCleanSegmentPassesEveryPacketAtOnce() {
        LanSegment lan = new LanSegment(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(lan.decide(Way.TO_GATEWAY, 172, i * PACKET)).isEqualTo(i * PACKET);
        }
        assertThat(lan.passed(Way.TO_GATEWAY)).isEqualTo(1000);
        assertThat(lan.dropped(Way.TO_GATEWAY)).isZero();
    }

    @Test
    void lossDropsAboutItsShareOneWayOnlyAndCountsWhatItDropped() {
        LanSegment lan = new LanSegment(7);
        lan.set(Way.TO_GATEWAY, Impairment.NONE.withLoss(0.05));
        int dropped = 0;
        for (int i = 0; i < 10_000; i++) {
            if (lan.decide(Way.TO_GATEWAY, 172, i * PACKET) == Long.MIN_VALUE) {
                dropped++;
            }
            assertThat(lan.decide(Way.TO_PHONE, 172, i * PACKET)).as("the other way is clean").isEqualTo(i * PACKET);
        }
        assertThat(dropped).isBetween(400, 600);
        assertThat(lan.dropped(Way.TO_GATEWAY)).isEqualTo(dropped);
        assertThat(lan.passed(Way.TO_GATEWAY)).isEqualTo(10_000 - dropped);
        assertThat(lan.dropped(Way.TO_PHONE)).isZero();
    }

    @Test
    void jitterDelaysWithinItsBoundAndKeepsOrder() {
        LanSegment lan = new LanSegment(3);
        Duration jitter = Duration.ofMillis(40);
        lan.set(Way.TO_PHONE, Impairment.NONE.withDelay(jitter.dividedBy(2), jitter.dividedBy(2)));
        long previous = Long.MIN_VALUE;
        boolean delayed = false;
        for (int i = 0; i < 1000; i++) {
            long now = i * PACKET;
            long at = lan.decide(Way.TO_PHONE, 172, now);
            assertThat(at).isBetween(now, now + jitter.toNanos() + PACKET);
            assertThat(at).isGreaterThanOrEqualTo(previous);
            delayed |= at > now;
            previous = at;
        }
        assertThat(delayed).isTrue();
    }

    @Test
    void settingItCleanAgainStopsTheLoss() {
        LanSegment lan = new LanSegment(5);
        lan.set(Way.TO_GATEWAY, Impairment.NONE.withLoss(1.0));
        assertThat(lan.decide(Way.TO_GATEWAY, 172, 0)).isEqualTo(Long.MIN_VALUE);

        lan.set(Way.TO_GATEWAY, Impairment.NONE.withDelay(Duration.ZERO, Duration.ZERO).withLoss(0));

        assertThat(lan.decide(Way.TO_GATEWAY, 172, PACKET)).isEqualTo(PACKET);
    }
}
