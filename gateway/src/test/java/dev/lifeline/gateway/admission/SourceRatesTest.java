package dev.lifeline.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceRatesTest {

    private final FakeClock clock = new FakeClock();
    private final SourceRates rates = new SourceRates(10, 20, clock);

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            taken += rates.take(a) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(20);
        clock.advance(Duration.ofSeconds(1));
        taken = 0;
        for (int i = 0; i < 100; i++) {
            taken += rates.take(a) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(10);
    }

    @Test
    void sourcesAreIndependent() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        for (int i = 0; i < 100; i++) {
            rates.take(a);
        }
        assertThat(rates.take(b)).isTrue();
    }

    @Test
    void manySpoofedSourcesCostBoundedMemory() throws Exception {
        byte[] ip = {10, 0, 0, 0};
        for (int i = 0; i < SourceRates.MAX_SOURCES + 5_000; i++) {
            ip[1] = (byte) (i >> 16);
            ip[2] = (byte) (i >> 8);
            ip[3] = (byte) i;
            rates.take(InetAddress.getByAddress(ip));
        }
        assertThat(rates.sources()).isEqualTo(SourceRates.MAX_SOURCES);
    }
}
