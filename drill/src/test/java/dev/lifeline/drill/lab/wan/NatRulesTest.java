package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NAT's filtering and idle rules, as values. */
class NatRulesTest {

    private static final InetSocketAddress PROVIDER = new InetSocketAddress("127.0.0.41", 5060);
    private final List<InetSocketAddress> contacted = List.of(PROVIDER);

    @Test
    void addressAndPortDependentFilteringAdmitsOnlyTheExactRemote() {
        Filtering f = Filtering.ADDRESS_AND_PORT_DEPENDENT;

        assertThat(f.admits(contacted, PROVIDER)).isTrue();
        assertThat(f.admits(contacted, new InetSocketAddress("127.0.0.41", 5061))).isFalse();
        assertThat(f.admits(contacted, new InetSocketAddress("127.0.0.42", 5060))).isFalse();
    }

    @Test
    void addressDependentFilteringAdmitsAnyPortOfAContactedAddress() {
        Filtering f = Filtering.ADDRESS_DEPENDENT;

        assertThat(f.admits(contacted, new InetSocketAddress("127.0.0.41", 40000))).isTrue();
        assertThat(f.admits(contacted, new InetSocketAddress("127.0.0.42", 5060))).isFalse();
    }

    @Test
    void endpointIndependentFilteringAdmitsAnyone() {
        assertThat(Filtering.ENDPOINT_INDEPENDENT.admits(List.of(), PROVIDER)).isTrue();
    }

    @Test
    void aMappingExpiresWhenIdleForTheTimeout() {
        NatPolicy policy = NatPolicy.typical().withIdleTimeout(Duration.ofMillis(300));
        Instant t = Instant.parse("2025-03-01T09:00:00Z");

        assertThat(policy.expired(t, t.plusMillis(299))).isFalse();
        assertThat(policy.expired(t, t.plusMillis(300))).isTrue();
    }

    @Test
    void thePolicyRejectsAZeroTimeout() {
        assertThatThrownBy(() -> NatPolicy.typical().withIdleTimeout(Duration.ZERO))
                .hasMessageContaining("idle timeout must be positive");
    }
}
