package dev.lifeline.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event.SourceBanned;
import dev.lifeline.gateway.events.RecordingEventSink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BanListTest {

    final FakeClock clock = new FakeClock();
    final RecordingEventSink events = new RecordingEventSink();
    final BanList bans = new BanList(new BanRule(BanRuleTest.SETTINGS), events, clock, 3);
    final InetAddress attacker = address("203.0.113.66");
    final InetSocketAddress attackerPort = new InetSocketAddress(attacker, 5060);

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fifthFailureBansReportsOnceAndDropsUntilExpiry() {
        for (int i = 0; i < 5; i++) {
            assertThat(bans.admits(attackerPort)).isTrue();
            bans.failed(attacker, "wrong password for 1001");
        }

        assertThat(events.ofType(SourceBanned.class)).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(attacker);
            assertThat(e.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
            assertThat(e.reason()).contains("5 authentication failures within 1m").contains("wrong password");
        });
        assertThat(bans.admits(attackerPort)).isFalse();
        assertThat(bans.admits(new InetSocketAddress(attacker, 40000))).as("any port of that address").isFalse();
        assertThat(bans.admits(new InetSocketAddress(address("203.0.113.67"), 5060))).isTrue();
        assertThat(bans.dropped()).isEqualTo(2);
        assertThat(bans.active()).extracting(BanList.Ban::source).containsExactly(attacker);

        clock.advance(Duration.ofMinutes(15));
        assertThat(bans.admits(attackerPort)).isTrue();
        assertThat(bans.active()).isEmpty();
    }

    @Test
    void trackedSourcesAreBoundedForgettingStaleOnesFirst() {
        bans.failed(address("198.51.100.1"), "x");
        bans.failed(address("198.51.100.2"), "x");
        bans.failed(address("198.51.100.3"), "x");
        clock.advance(Duration.ofMinutes(2)); // their failures are out of the window now

        for (int i = 0; i < 5; i++) {
            bans.failed(attacker, "x");
        }

        assertThat(bans.isBanned(attacker)).isTrue();
    }
}
