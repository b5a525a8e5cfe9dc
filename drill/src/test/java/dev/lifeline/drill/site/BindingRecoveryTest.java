package dev.lifeline.drill.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.site.BindingRecovery.Binding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restart step's binding comparison: kept, lost, added, and which phones registered again since the restart. */
class BindingRecoveryTest {

    private static final Instant RESTARTED = Instant.parse("2026-12-07T10:00:00Z");

    private static Binding b(String aor, String contact, String transport, String registeredAt) {
        return new Binding(aor, contact, transport, Optional.ofNullable(registeredAt).map(Instant::parse));
    }

    @Test
    void aRestartThatKeepsEveryBindingLosesNone() {
        Binding udp = b("1001", "sip:1001@192.0.2.10:5060", "udp", "2026-12-07T09:58:00Z");
        Binding tcp = b("1002", "sip:1002@192.0.2.11:5060;transport=tcp", "tcp", "2026-12-07T09:59:00Z");
        Binding tcpAgain = b("1002", "sip:1002@192.0.2.11:5060;transport=tcp", "tcp", "2026-12-07T10:00:02Z");

        BindingRecovery r = BindingRecovery.of(List.of(udp, tcp), List.of(udp, tcpAgain), RESTARTED);

        assertThat(r.kept()).containsExactly(udp, tcpAgain);
        assertThat(r.lost()).isEmpty();
        assertThat(r.added()).isEmpty();
        assertThat(r.cameBack()).containsExactly(tcpAgain);
        assertThat(r.cameBack(tcp)).isTrue();
        assertThat(r.cameBack(udp)).isFalse();
    }

    @Test
    void aBindingNotListedAfterIsLostAndANewContactIsAdded() {
        Binding old = b("1001", "sip:1001@192.0.2.10:5060", "udp", "2026-12-07T09:58:00Z");
        Binding moved = b("1001", "sip:1001@192.0.2.10:5062", "udp", "2026-12-07T10:00:01Z");
        Binding other = b("1003", "sip:1003@192.0.2.12:5060", "udp", "2026-12-07T09:50:00Z");

        BindingRecovery r = BindingRecovery.of(List.of(old, other), List.of(other, moved), RESTARTED);

        assertThat(r.kept()).containsExactly(other);
        assertThat(r.lost()).containsExactly(old);
        assertThat(r.added()).containsExactly(moved);
        assertThat(r.cameBack()).containsExactly(moved);
    }

    @Test
    void aRegistrationAtTheRestartInstantCountsAndOneWithoutATimeDoesNot() {
        Binding atRestart = b("1001", "sip:1001@192.0.2.10:5060", "udp", "2026-12-07T10:00:00Z");
        Binding unknown = b("1002", "sip:1002@192.0.2.11:5060", "udp", null);

        BindingRecovery r = BindingRecovery.of(List.of(atRestart, unknown), List.of(atRestart, unknown), RESTARTED);

        assertThat(r.cameBack()).containsExactly(atRestart);
        assertThat(r.lost()).isEmpty();
    }

    @Test
    void everythingLostWhenTheGatewayListsNothingAfter() {
        Binding a = b("1001", "sip:1001@192.0.2.10:5060", "udp", "2026-12-07T09:58:00Z");

        BindingRecovery r = BindingRecovery.of(List.of(a), List.of(), RESTARTED);

        assertThat(r.lost()).containsExactly(a);
        assertThat(r.kept()).isEmpty();
    }
}
