package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrunkSettingsTest {

    @ParameterizedTest(name = "granted {0} ms: refresh after {1} ms")
    @CsvSource({
        "3600000, 3240000",  // 10 % margin (360 s) beats the 32 s floor
        "600000,  540000",   // 10 % = 60 s
        "300000,  268000",   // 32 s floor beats 10 % (30 s)
        "120000,  88000",
        "60000,   30000",    // 60 - 32 = 28 s would be before half-life: half-life
        "2000,    1000",     // a lab's 2 s: half-life
        "1000,    500"})
    void refreshLeavesTheMarginButNeverBeforeHalfLife(long grantedMillis, long refreshMillis) {
        assertThat(TrunkSettings.DEFAULT.refreshAfter(Duration.ofMillis(grantedMillis)))
                .isEqualTo(Duration.ofMillis(refreshMillis));
    }
}
