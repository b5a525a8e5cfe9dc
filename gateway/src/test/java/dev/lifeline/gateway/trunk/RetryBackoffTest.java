package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {

    private static final RetryBackoff RFC = RetryBackoff.RFC_5626;

    @ParameterizedTest(name = "{0} failures: wait-time {1} s (all failed), {2} s (some ok)")
    @CsvSource({"1, 60, 120", "2, 120, 240", "3, 240, 480", "4, 480, 960", "5, 960, 1800", "6, 1800, 1800",
                "7, 1800, 1800", "40, 1800, 1800", "2147483647, 1800, 1800"})
    void upperBoundDoublesFromTheBaseUpToMaxTime(int failures, long allFailed, long someOk) {
        assertThat(RFC.upperBound(failures, true)).isEqualTo(Duration.ofSeconds(allFailed));
        assertThat(RFC.upperBound(failures, false)).isEqualTo(Duration.ofSeconds(someOk));
    }

    @Test
    void theRfcsOwnExampleThreeFailuresWithBase30IsUpTo240Seconds() {
        assertThat(RFC.upperBound(3, true)).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void drawsSpreadOverTheWholeHalfToFullRange() {
        SplittableRandom random = new SplittableRandom(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long ms = RFC.draw(1, true, random).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isBetween(30_000L, 30_500L);
        assertThat(max).isBetween(59_500L, 60_000L);
    }

    @Test
    void drawStaysWithinHalfAndAllOfTheUpperBoundForAnyFailureCountAndSeed() {
        qt().forAll(integers().between(1, 10_000), longs().all()).checkAssert((failures, seed) -> {
            Duration upper = RFC.upperBound(failures, true);
            Duration wait = RFC.draw(failures, true, new SplittableRandom(seed));
            assertThat(wait.multipliedBy(2)).isGreaterThanOrEqualTo(upper);
            assertThat(wait).isLessThanOrEqualTo(upper).isLessThanOrEqualTo(RFC.max());
        });
    }

    @Test
    void labBackoffKeepsTheShapeWithAShorterBase() {
        RetryBackoff lab = RetryBackoff.lab(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(lab.upperBound(1, true)).isEqualTo(Duration.ofMillis(200));
        assertThat(lab.upperBound(2, false)).isEqualTo(Duration.ofMillis(800));
        assertThat(lab.upperBound(9, true)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> RFC.upperBound(0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(40)))
                .hasMessageContaining("below a base time");
    }
}
