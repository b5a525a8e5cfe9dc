package dev.lifeline.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.change.HealthGates.Kept;
import dev.lifeline.gateway.change.HealthGates.Refusal;
import dev.lifeline.gateway.change.HealthGates.Snapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthGatesTest {

    private static final Snapshot BEFORE = new Snapshot(Set.of("provider"), Set.of("wan1", "wan2"), Set.of("1001", "1002"));
    private static final Kept ALL = new Kept(Set.of("provider"), Set.of("wan1", "wan2"), Set.of("1001", "1002", "1003"));

    @Test
    void nothingLostPasses() {
        Snapshot now = new Snapshot(Set.of("provider"), Set.of("wan1", "wan2"), Set.of("1001", "1002", "1003"));

        assertThat(HealthGates.failure(BEFORE, now, ALL, List.of())).isEmpty();
    }

    @Test
    void aTrunkThatWasRegisteredAndIsNotFails() {
        Snapshot now = new Snapshot(Set.of(), Set.of("wan1", "wan2"), Set.of("1001", "1002"));

        assertThat(HealthGates.failure(BEFORE, now, ALL, List.of()))
                .hasValue("trunk provider was registered before the change and is not now");
    }

    @Test
    void aPathThatWentDownFails() {
        Snapshot now = new Snapshot(Set.of("provider"), Set.of("wan2"), Set.of("1001", "1002"));

        assertThat(HealthGates.failure(BEFORE, now, ALL, List.of())).hasValueSatisfying(r -> assertThat(r).contains("path wan1"));
    }

    @Test
    void aRegisteredPhoneWhoseRegisterIsRefusedFails() {
        Snapshot now = BEFORE;

        assertThat(HealthGates.failure(BEFORE, now, ALL, List.of(new Refusal("1002", 403, "wrong password"))))
                .hasValue("phone 1002 was registered before the change and its REGISTER was refused after it (403 wrong password)");
    }

    @Test
    void whatTheChangeRemovedIsNotExpectedToStay() {
        Snapshot now = new Snapshot(Set.of(), Set.of("wan1", "wan2"), Set.of("1001"));
        Kept withoutThem = new Kept(Set.of(), Set.of("wan1", "wan2"), Set.of("1001"));

        assertThat(HealthGates.failure(BEFORE, now, withoutThem, List.of(new Refusal("1002", 404, "not found")))).isEmpty();
    }

    @Test
    void aRefusalOfAPhoneThatWasNotRegisteredIsNoGateFailure() {
        assertThat(HealthGates.failure(BEFORE, BEFORE, ALL, List.of(new Refusal("1003", 403, "wrong password")))).isEmpty();
    }
}
