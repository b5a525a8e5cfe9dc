package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.CallLimits;
import dev.lifeline.gateway.routing.CallAdmission.Up;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Admission of new calls against the calls up now: the limits per extension and per trunk. */
class CallAdmissionTest {

    private static final Caller EXT = new Caller.Extension("1001");
    private static final Caller OTHER = new Caller.Extension("1002");
    private static final Caller TRUNK = new Caller.Trunk("provider");
    private static final RouteDecision INTERNAL = new RouteDecision.ToExtension("1003", "1001");
    private static final RouteDecision EMERGENCY = new RouteDecision.Emergency("911", List.of(),
            Optional.of(new dev.lifeline.gateway.config.Group("600", "Reception", dev.lifeline.gateway.config.RingStrategy.RING_ALL,
                    List.of("1003"), false, java.time.Duration.ofSeconds(30))), "1001");

    private final CallAdmission admission = new CallAdmission(new CallLimits(2, 3));

    private static List<Up> times(int n, Up up) {
        return Collections.nCopies(n, up);
    }

    @Test
    void anExtensionBelowItsLimitIsAdmitted() {
        assertThat(admission.check(EXT, INTERNAL, times(1, new Up(EXT, false, false)))).isEmpty();
    }

    @Test
    void anExtensionAtItsLimitGets503WithTheReason() {
        Optional<RouteDecision.Reject> refused = admission.check(EXT, INTERNAL,
                List.of(new Up(EXT, false, true), new Up(EXT, false, false)));

        assertThat(refused).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).contains("extension 1001 has 2 calls up already (limit 2)");
        });
    }

    @Test
    void otherExtensionsCallsDoNotCount() {
        assertThat(admission.check(EXT, INTERNAL, times(10, new Up(OTHER, false, true)))).isEmpty();
    }

    @Test
    void emergencyCallsAreNeverRefusedAndNeverCounted() {
        assertThat(admission.check(EXT, EMERGENCY, times(10, new Up(EXT, false, true)))).isEmpty();
        assertThat(admission.check(EXT, INTERNAL, times(5, new Up(EXT, true, false)))).isEmpty();
    }

    @Test
    void aRejectedRouteIsLeftAsItIs() {
        assertThat(admission.check(EXT, new RouteDecision.Reject(404, "Not Found"), times(5, new Up(EXT, false, true))))
                .isEmpty();
    }

    @Test
    void aTrunkMayHaveItsLimitOfCallsRingingAndAnsweredOnesDoNotCount() {
        List<Up> twoRinging = List.of(new Up(TRUNK, false, true), new Up(TRUNK, false, true));
        List<Up> threeRinging = times(3, new Up(TRUNK, false, true));
        List<Up> manyAnswered = times(20, new Up(TRUNK, false, false));

        assertThat(admission.check(TRUNK, INTERNAL, twoRinging)).isEmpty();
        assertThat(admission.check(TRUNK, INTERNAL, manyAnswered)).isEmpty();
        assertThat(admission.check(TRUNK, INTERNAL, threeRinging)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).contains("3 calls from trunk provider ringing unanswered already (limit 3)");
        });
        assertThat(admission.check(new Caller.Trunk("backup"), INTERNAL, threeRinging)).isEmpty();
    }
}
