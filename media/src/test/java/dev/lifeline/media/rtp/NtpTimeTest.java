package dev.lifeline.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void convertsInstantsToNtp() {
        assertThat(NtpTime.fromInstant(Instant.EPOCH)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromInstant(Instant.ofEpochSecond(0, 500_000_000)) & 0xFFFF_FFFFL).isEqualTo(0x8000_0000L);
        Instant t = Instant.parse("2025-03-01T12:00:00.123456789Z");
        assertThat(Duration.between(NtpTime.toInstant(NtpTime.fromInstant(t)), t).toNanos()).isBetween(0L, 1L);
    }

    @Test
    void shortFormatIsTheMiddle32Bits() {
        assertThat(NtpTime.toShort(0x1234_5678_9ABC_DEF0L)).isEqualTo(0x5678_9ABCL);
        assertThat(NtpTime.toShortUnits(Duration.ofMillis(5250))).isEqualTo(0x0005_4000L);
        assertThat(NtpTime.toShortUnits(Duration.ofDays(2))).isEqualTo(0xFFFF_FFFFL);
        assertThat(NtpTime.fromShortUnits(0x0001_8000L)).isEqualTo(Duration.ofMillis(1500));
    }

    /** The worked example of RFC 3550 §6.4.1 (Figure 2). */
    @Test
    void roundTripOfTheRfcExample() {
        Optional<Duration> rtt = NtpTime.roundTrip(0xB710_8A8DL, 0xB705_2030L, 0x0005_4000L);

        assertThat(rtt).isPresent();
        assertThat(NtpTime.toShortUnits(rtt.get())).isEqualTo(0x0006_2A5DL);
        assertThat(rtt.get().toNanos() / 1e9).isBetween(6.165, 6.166);
    }

    @Test
    void roundTripAcrossTheShortFormatWrap() {
        assertThat(NtpTime.roundTrip(0x0000_1000L, 0xFFFF_F000L, 0x1000L)).contains(NtpTime.fromShortUnits(0x1000));
    }

    @Test
    void noRoundTripWithoutLsrOrWhenImplausible() {
        assertThat(NtpTime.roundTrip(0x1000_0000L, 0, 0)).isEmpty();
        // DLSR longer than the time since the SR: a clock or peer bug, not a negative RTT.
        assertThat(NtpTime.roundTrip(0x0001_0000L, 0x0000_8000L, 0x0001_0000L)).isEmpty();
    }

    @Test
    void roundTripMeterUsesTheInjectedClock() {
        FakeClock clock = new FakeClock(Instant.parse("2025-03-01T12:00:00Z"));
        RoundTripMeter meter = new RoundTripMeter(clock);
        long lsr = NtpTime.shortFromInstant(clock.instant());   // our SR leaves now

        // The peer holds it 2 s before reporting; network takes 40 ms each way.
        clock.advance(Duration.ofMillis(2080));
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, lsr, NtpTime.toShortUnits(Duration.ofSeconds(2)));

        Optional<Duration> rtt = meter.onReportBlock(block);

        assertThat(rtt).isPresent();
        assertThat(rtt.get().toNanos()).isCloseTo(80_000_000L, org.assertj.core.api.Assertions.within(50_000L));
        assertThat(meter.last()).isEqualTo(rtt);
        assertThat(meter.onReportBlock(new ReportBlock(1, 0, 0, 0, 0, 0, 0))).isEmpty();
        assertThat(meter.last()).isEqualTo(rtt);
    }
}
