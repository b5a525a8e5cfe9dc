package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.transport.TransportException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a callee's failure is answered to the caller. */
class FailureTest {

    @ParameterizedTest(name = "{0} from a {1} -> {2}, next trunk: {3}")
    @CsvSource({
            "486, phone, 486, false",
            "404, trunk, 404, false",
            "603, phone, 603, false",
            "503, trunk, 503, true",
            "500, trunk, 500, true",
            "408, trunk, 408, true",
            "408, phone, 480, true",
            "487, phone, 480, true",
            "407, trunk, 503, true",
            "401, trunk, 503, true",
            "302, trunk, 480, false"})
    void responses(int status, String toward, int expected, boolean unavailable) {
        Failure f = Failure.of(SipResponse.builder(status, "Reason " + status).build(), toward.equals("trunk"));

        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.unavailable()).isEqualTo(unavailable);
    }

    @Test
    void nobodyAnsweringIs408FromATrunkAnd480FromAPhone() {
        SipTimeoutException timeout = new SipTimeoutException("Timer B");

        assertThat(Failure.of(timeout, "trunk provider", true).status()).isEqualTo(408);
        assertThat(Failure.of(timeout, "extension 1002", false).status()).isEqualTo(480);
        assertThat(Failure.of(new TransportException("refused"), "trunk provider", true))
                .satisfies(f -> assertThat(f.status()).isEqualTo(503))
                .satisfies(f -> assertThat(f.reason()).contains("trunk provider unreachable (refused)"))
                .satisfies(f -> assertThat(f.unavailable()).isTrue());
    }

    @Test
    void bestOfForksPrefersARefusalThenBusyThenTheLowest() {
        Failure busy = Failure.of(SipResponse.builder(486, "Busy Here").build(), false);
        Failure decline = Failure.of(SipResponse.builder(603, "Decline").build(), false);
        Failure missing = Failure.of(SipResponse.builder(404, "Not Found").build(), false);

        assertThat(Failure.best(List.of(busy, decline, Failure.NO_ANSWER))).isEqualTo(decline);
        assertThat(Failure.best(List.of(Failure.NO_ANSWER, busy, missing))).isEqualTo(busy);
        assertThat(Failure.best(List.of(Failure.NO_ANSWER, missing))).isEqualTo(missing);
        assertThat(Failure.best(List.of())).isEqualTo(Failure.NO_ANSWER);
    }
}
