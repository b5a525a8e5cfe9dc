package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transaction.TransactionLimits;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    private static final TransportConfig ANY = TransportConfig.of(List.of(ListenPoint.of(Transport.UDP, "0.0.0.0", 5060)));

    @Test
    void wildcardListenPointNeedsAnAdvertisedHost() {
        assertThatThrownBy(() -> new StackConfig(ANY, TimerConfig.DEFAULT, TransactionLimits.of(10), Optional.empty()))
                .hasMessageContaining("advertisedHost");
        assertThat(new StackConfig(ANY, TimerConfig.DEFAULT, TransactionLimits.of(10), Optional.of("gw.example.net")).advertisedHost())
                .contains("gw.example.net");
    }

    @Test
    void aStackWithoutListenPointsOrCapacityIsRefused() {
        assertThatThrownBy(() -> StackConfig.of(List.of())).hasMessageContaining("listen point");
        assertThatThrownBy(() -> StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0)))
                .withLimits(TransactionLimits.of(0))).hasMessageContaining("transaction limits");
    }
}
