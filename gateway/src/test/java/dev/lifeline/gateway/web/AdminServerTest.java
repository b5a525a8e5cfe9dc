package dev.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    static final AdminView EMPTY = new AdminView() {
        @Override
        public StatusReport status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Binding> registrations() {
            return List.of();
        }

        @Override
        public List<CallInfo> calls() {
            return List.of();
        }

        @Override
        public List<LoggedEvent> events(Instant since, int limit) {
            return List.of();
        }
    };

    @Test
    void refusesANonLoopbackAddressWithoutConsent() {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("0.0.0.0", 0), false, "t0ken", EMPTY,
                InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not loopback");
    }

    @Test
    void refusesAnEmptyToken() {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("127.0.0.1", 0), false, " ", EMPTY,
                InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
