package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.transport.ConnectionAdmission.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {

    private static final InetAddress A = address("192.0.2.1");
    private static final InetAddress B = address("192.0.2.2");
    private static final InetAddress C = address("2001:db8::3");

    private final ConnectionAdmission admission = new ConnectionAdmission(new ConnectionLimits(4, 2, Duration.ofSeconds(10)));

    @Test
    void aSourceAtItsCapIsRefusedWhileOthersAreAdmitted() {
        assertThat(admission.admit(A)).isEqualTo(Verdict.ADMITTED);
        assertThat(admission.admit(A)).isEqualTo(Verdict.ADMITTED);
        assertThat(admission.admit(A)).isEqualTo(Verdict.SOURCE_FULL);
        assertThat(admission.admit(B)).isEqualTo(Verdict.ADMITTED);
        assertThat(admission.open(A)).isEqualTo(2);
        assertThat(admission.open()).isEqualTo(3);
    }

    @Test
    void theTotalCapRefusesEverySourceUntilAConnectionCloses() {
        admission.admit(A);
        admission.admit(A);
        admission.admit(B);
        admission.admit(B);
        assertThat(admission.admit(C)).isEqualTo(Verdict.ALL_FULL);
        // A source at its own cap is told so, even when all are full.
        assertThat(admission.admit(A)).isEqualTo(Verdict.SOURCE_FULL);
        admission.release(B);
        assertThat(admission.admit(C)).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void releasingFreesTheSourcesSlotAndForgetsIdleSources() {
        admission.admit(A);
        admission.admit(A);
        admission.release(A);
        assertThat(admission.admit(A)).isEqualTo(Verdict.ADMITTED);
        admission.release(A);
        admission.release(A);
        assertThat(admission.open(A)).isZero();
        assertThat(admission.open()).isZero();
        assertThatThrownBy(() -> admission.release(A)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new ConnectionLimits(0, 1, Duration.ofSeconds(1))).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> new ConnectionLimits(10, 11, Duration.ofSeconds(1))).hasMessageContaining("maxPerSource");
        assertThatThrownBy(() -> new ConnectionLimits(10, 2, Duration.ZERO)).hasMessageContaining("messageTimeout");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
