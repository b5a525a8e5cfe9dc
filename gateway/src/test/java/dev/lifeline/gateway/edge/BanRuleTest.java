package dev.lifeline.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.config.SecuritySettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ban decision on a fake clock: 5 failures within 1 minute ban for 15 minutes. */
class BanRuleTest {

    static final SecuritySettings SETTINGS = new SecuritySettings(5, Duration.ofMinutes(1), Duration.ofMinutes(15), false);
    final BanRule rule = new BanRule(SETTINGS);
    final FakeClock clock = new FakeClock();

    private SourceRecord fail(SourceRecord s, int times, Duration apart) {
        SourceRecord state = s;
        for (int i = 0; i < times; i++) {
            state = rule.onFailure(state, clock.instant(), false).state();
            clock.advance(apart);
        }
        return state;
    }

    @Test
    void fourFailuresDoNotBanTheFifthDoes() {
        SourceRecord four = fail(SourceRecord.CLEAN, 4, Duration.ofSeconds(1));
        assertThat(rule.isBanned(four, clock.instant())).isFalse();

        BanRule.Step fifth = rule.onFailure(four, clock.instant(), false);

        assertThat(fifth.banned()).isTrue();
        assertThat(fifth.bannedUntil()).contains(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(rule.isBanned(fifth.state(), clock.instant())).isTrue();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        // Five failures, but 20 s apart: never five within one minute.
        SourceRecord state = fail(SourceRecord.CLEAN, 10, Duration.ofSeconds(20));

        assertThat(rule.isBanned(state, clock.instant())).isFalse();
        assertThat(state.failures()).hasSizeLessThan(5);
    }

    @Test
    void theBanExpiresAfterItsDurationAndTheCountStartsAfresh() {
        SourceRecord banned = fail(SourceRecord.CLEAN, 5, Duration.ZERO);
        Instant bannedAt = clock.instant();

        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(rule.isBanned(banned, clock.instant())).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(rule.isBanned(banned, clock.instant())).isFalse();
        assertThat(rule.isForgettable(banned, clock.instant())).isTrue();

        BanRule.Step next = rule.onFailure(banned, clock.instant(), false);
        assertThat(next.banned()).isFalse();
        assertThat(next.state().failures()).containsExactly(bannedAt.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aFailureWhileBannedNeitherExtendsNorRestartsTheBan() {
        SourceRecord banned = fail(SourceRecord.CLEAN, 5, Duration.ZERO);
        clock.advance(Duration.ofMinutes(5));

        BanRule.Step late = rule.onFailure(banned, clock.instant(), false);

        assertThat(late.banned()).isFalse();
        assertThat(late.state()).isEqualTo(banned);
    }

    @Test
    void neverBannedWithFewerFailuresThanTheThreshold() {
        // Any schedule of at most four failures leaves the source unbanned, whatever the spacing.
        qt().forAll(lists().of(integers().between(0, 120)).ofSizeBetween(0, 4)).checkAssert(gaps -> {
            FakeClock c = new FakeClock();
            SourceRecord s = SourceRecord.CLEAN;
            for (int gap : gaps) {
                c.advance(Duration.ofSeconds(gap));
                BanRule.Step step = rule.onFailure(s, c.instant(), false);
                assertThat(step.banned()).isFalse();
                s = step.state();
            }
            assertThat(rule.isBanned(s, c.instant())).isFalse();
        });
    }
}
