package dev.lifeline.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.stack.AdmissionControl.Load;
import dev.lifeline.sip.transaction.Admission;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {

    private final AdmissionPolicy policy = new AdmissionPolicy(AdmissionSettings.DEFAULT);

    private static Load waiting(long millis) {
        return new Load(0, 100, Duration.ofMillis(millis));
    }

    @Test
    void anIdleGatewayAdmitsEverything() {
        for (Priority p : Priority.values()) {
            assertThat(policy.refusedShare(p, Load.IDLE)).as(p.label()).isZero();
        }
    }

    @Test
    void classesShedInOrderOfPriorityAsTheWaitGrows() {
        // At 300 ms (1.5x the target) OPTIONS are all refused, new REGISTERs partly, the rest not yet.
        Load load = waiting(300);
        assertThat(policy.refusedShare(Priority.OTHER, load)).isEqualTo(1.0);
        assertThat(policy.refusedShare(Priority.NEW_REGISTER, load)).isBetween(0.2, 0.25);
        assertThat(policy.refusedShare(Priority.REGISTER_WITH_CREDENTIALS, load)).isZero();
        assertThat(policy.refusedShare(Priority.NEW_CALL, load)).isZero();
        assertThat(policy.refusedShare(Priority.IN_DIALOG, load)).isZero();
    }

    @Test
    void noClassButOptionsIsEverRefusedEntirelyAndEmergencyNever() {
        Load extreme = new Load(1_000_000, 1_000_000, Duration.ofMinutes(5));
        assertThat(policy.refusedShare(Priority.OTHER, extreme)).isEqualTo(1.0);
        assertThat(policy.refusedShare(Priority.NEW_REGISTER, extreme)).isEqualTo(0.9);
        assertThat(policy.refusedShare(Priority.REGISTER_WITH_CREDENTIALS, extreme)).isEqualTo(0.9);
        assertThat(policy.refusedShare(Priority.NEW_CALL, extreme)).isEqualTo(0.9);
        assertThat(policy.refusedShare(Priority.IN_DIALOG, extreme)).isEqualTo(0.5);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(policy.decide(Priority.EMERGENCY, extreme, random)).isEqualTo(Admission.ADMIT);
        }
    }

    @Test
    void workInProgressCountsAsLoadToo() {
        Load busy = new Load(10_000, 0, Duration.ZERO); // twice the default 5,000
        assertThat(policy.pressure(busy)).isEqualTo(2.0);
        assertThat(policy.refusedShare(Priority.NEW_REGISTER, busy)).isEqualTo(0.45);
    }

    @Test
    void theRefusedShareMatchesTheBandAndRetryAfterIsSpreadOverTheRange() {
        SplittableRandom random = new SplittableRandom(7);
        Load load = waiting(400); // new REGISTER: (2.0 - 1.0) / (3.0 - 1.0) * 0.9 = 45 %
        int refused = 0;
        int[] retryAfter = new int[11];
        for (int i = 0; i < 20_000; i++) {
            if (policy.decide(Priority.NEW_REGISTER, load, random) instanceof Admission.Refuse r) {
                refused++;
                retryAfter[r.retryAfterSeconds()]++;
            }
        }
        assertThat(refused / 20_000.0).isBetween(0.43, 0.47);
        assertThat(retryAfter[0]).isZero();
        for (int s = 1; s <= 5; s++) {
            assertThat(retryAfter[s]).as("Retry-After %d s", s).isBetween(refused / 5 - 150, refused / 5 + 150);
        }
        for (int s = 6; s <= 10; s++) {
            assertThat(retryAfter[s]).as("Retry-After %d s", s).isZero();
        }
    }
}
