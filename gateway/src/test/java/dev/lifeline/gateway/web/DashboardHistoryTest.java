package dev.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardHistoryTest {

    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void keepsOneSamplePerIntervalAndDropsTheOldestBeyondTheSpan() {
        DashboardHistory history = DashboardHistory.standard();
        assertThat(history.capacity()).isEqualTo(6 * 360);

        // Seven hours of one-second ticks: one in ten is kept, and only the last six hours of those.
        for (int s = 0; s < 7 * 3600; s++) {
            history.offer(T0.plusSeconds(s), Map.of("calls.active", (double) s));
        }

        List<DashboardHistory.Point> points = history.snapshot().get("calls.active");
        assertThat(points).hasSize(2160);
        assertThat(points.get(0).at()).isEqualTo(T0.plusSeconds(7 * 3600 - 2160 * 10));
        assertThat(points.get(points.size() - 1).at()).isEqualTo(T0.plusSeconds(7 * 3600 - 10));
        for (int i = 1; i < points.size(); i++) {
            assertThat(Duration.between(points.get(i - 1).at(), points.get(i).at())).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSampleSoonerThanTheIntervalIsIgnored() {
        DashboardHistory history = DashboardHistory.standard();
        assertThat(history.offer(T0, Map.of("path.wan1.r", 93.2))).isTrue();
        assertThat(history.offer(T0.plusSeconds(9), Map.of("path.wan1.r", 10.0))).isFalse();
        assertThat(history.offer(T0.plusSeconds(10), Map.of("path.wan1.r", Double.NaN))).isTrue();

        assertThat(history.snapshot().get("path.wan1.r")).extracting(DashboardHistory.Point::value)
                .containsExactly(93.2, Double.NaN);
    }

    @Test
    void theNumberOfSeriesIsBounded() {
        DashboardHistory history = new DashboardHistory(Duration.ofSeconds(10), Duration.ofMinutes(1), 3);
        for (int i = 0; i < 10; i++) {
            history.offer(T0.plusSeconds(10L * i), Map.of("series" + i, 1.0));
        }
        assertThat(history.snapshot()).containsOnlyKeys("series0", "series1", "series2");
    }
}
