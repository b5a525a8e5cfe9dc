package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationFormatTest {

    @ParameterizedTest
    @CsvSource({"600ms, 600", "1s, 1000", "25s, 25000", "5m, 300000", "2h, 7200000", "1d, 86400000",
        "0ms, 0", "' 10s ', 10000", "10 s, 10000"})
    void readsWholeNumbersWithAUnit(String text, long millis) {
        assertThat(DurationFormat.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"600", "1.5s", "1 second", "s", "-1s", "1S", "PT1S", "", "1sec", "1m30s"})
    void refusesAnythingElseSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> DurationFormat.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a whole number and a unit (ms, s, m, h, d), e.g. 600ms, 1s or 5m");
    }

    @Test
    void aBareNumberIsToldItLacksAUnit() {
        assertThatThrownBy(() -> DurationFormat.parse("25")).hasMessageStartingWith("\"25\" has no unit");
    }

    @ParameterizedTest
    @CsvSource({"600, 600ms", "1000, 1s", "90000, 90s", "300000, 5m", "3600000, 1h", "86400000, 1d", "0, 0ms"})
    void formatsTheShortestForm(long millis, String text) {
        assertThat(DurationFormat.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void formatThenParseIsIdentity() {
        qt().forAll(longs().between(0, 100L * 365 * 86_400_000L))
                .check(ms -> DurationFormat.parse(DurationFormat.format(Duration.ofMillis(ms))).toMillis() == ms);
    }

    @Test
    void anyTextEitherParsesOrSaysWhatIsExpected() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(text -> {
            try {
                assertThat(DurationFormat.parse(text).isNegative()).isFalse();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains("expected");
            }
        });
    }
}
