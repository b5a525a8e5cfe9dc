package dev.lifeline.sip.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogLimiterTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    final FakeClock clock = new FakeClock();
    final LogLimiter limiter = new LogLimiter(clock, INTERVAL, 4);

    @Test
    void aFloodFromOneSourceWritesOneLinePerIntervalAndCountsTheRest() throws Exception {
        InetAddress attacker = InetAddress.getByName("203.0.113.9");
        List<Long> written = new ArrayList<>();
        // 10,000 bad packets over 30 s: 3 ms apart.
        for (int i = 0; i < 10_000; i++) {
            limiter.admit("malformed", attacker).ifPresent(written::add);
            clock.advance(Duration.ofMillis(3));
        }
        // A line at 0 s, 10 s, 20 s: each after the first reports what was held back before it.
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).isZero();
        assertThat(written.get(1) + written.get(2)).isBetween(6_600L, 6_700L);
        assertThat(written.stream().mapToLong(Long::longValue).sum() + written.size())
                .isLessThanOrEqualTo(10_000);
    }

    @Test
    void theNextLineAfterTheIntervalCarriesTheCount() {
        assertThat(limiter.admit("auth", "198.51.100.1")).hasValue(0);
        assertThat(limiter.admit("auth", "198.51.100.1")).isEmpty();
        assertThat(limiter.admit("auth", "198.51.100.1")).isEmpty();
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(limiter.admit("auth", "198.51.100.1")).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.admit("auth", "198.51.100.1")).hasValue(3);
        assertThat(LogLimiter.heldBack(3)).isEqualTo(" (3 more like it held back)");
        assertThat(LogLimiter.heldBack(0)).isEmpty();
    }

    @Test
    void kindsAndSourcesAreLimitedSeparately() {
        assertThat(limiter.admit("auth", "198.51.100.1")).hasValue(0);
        assertThat(limiter.admit("auth", "198.51.100.2")).hasValue(0);
        assertThat(limiter.admit("malformed", "198.51.100.1")).hasValue(0);
        assertThat(limiter.admit("queue full", null)).hasValue(0);
        assertThat(limiter.admit("queue full", null)).isEmpty();
    }

    @Test
    void manySpoofedSourcesShareOneLineOnceTheLimiterIsFull() {
        int lines = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.admit("auth", "198.51.100." + i).isPresent()) {
                lines++;
            }
        }
        // Four keys tracked, then every further source counts under one shared key.
        assertThat(lines).isEqualTo(5);
        clock.advance(INTERVAL);
        OptionalLong shared = limiter.admit("auth", "203.0.113.1");
        assertThat(shared).hasValue(0); // the old windows were over and forgotten: a key of its own again
    }
}
