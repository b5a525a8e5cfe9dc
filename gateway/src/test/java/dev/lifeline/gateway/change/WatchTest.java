package dev.lifeline.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withoutAConfirmationTheGatesAloneKeepItAfterTheirWindow() {
        Watch w = Watch.start(2, T0, Duration.ofSeconds(20), Optional.empty());

        assertThat(w.judge(Optional.empty(), T0.plusSeconds(19))).isInstanceOf(Watch.Verdict.Wait.class);
        assertThat(w.judge(Optional.empty(), T0.plusSeconds(20))).isEqualTo(new Watch.Verdict.Keep("gates"));
    }

    @Test
    void aFailedGateUndoesItAtOnce() {
        Watch w = Watch.start(2, T0, Duration.ofSeconds(20), Optional.empty());

        assertThat(w.judge(Optional.of("trunk provider was registered before the change and is not now"), T0.plusSeconds(1)))
                .isEqualTo(new Watch.Verdict.Undo("health gate failed: trunk provider was registered before the change and is not now"));
    }

    @Test
    void aConfirmationThatDoesNotComeInTimeUndoesIt() {
        Watch w = Watch.start(2, T0, Duration.ofSeconds(20), Optional.of(Duration.ofSeconds(120)));

        assertThat(w.judge(Optional.empty(), T0.plusSeconds(60))).isInstanceOf(Watch.Verdict.Wait.class);
        assertThat(w.judge(Optional.empty(), T0.plusSeconds(120)))
                .isEqualTo(new Watch.Verdict.Undo("not confirmed within 120 s (lifeline config confirm)"));
    }

    @Test
    void aConfirmedVersionIsKeptOnceTheGatesHaveWatchedItsWholeWindow() {
        Watch w = Watch.start(2, T0, Duration.ofSeconds(20), Optional.of(Duration.ofSeconds(120))).confirm();

        assertThat(w.judge(Optional.empty(), T0.plusSeconds(5))).isInstanceOf(Watch.Verdict.Wait.class);
        assertThat(w.judge(Optional.of("phone 1001 was registered before the change and is not now"), T0.plusSeconds(6)))
                .isInstanceOf(Watch.Verdict.Undo.class);
        assertThat(w.judge(Optional.empty(), T0.plusSeconds(20))).isEqualTo(new Watch.Verdict.Keep("operator"));
    }
}
