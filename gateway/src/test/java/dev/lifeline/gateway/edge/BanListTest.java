package dev.lifeline.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event.SourceBanned;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.Test;

class BanListTest {

    final FakeClock clock = new FakeClock();
    final RecordingEventSink events = new RecordingEventSink();
    final Set<InetAddress> registered = new CopyOnWriteArraySet<>();
    final BanList bans = new BanList(new BanRule(BanRuleTest.SETTINGS), events, clock, 3, registered::contains);
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
            assertThat(e.reason()).contains("5 password guesses within 1m").contains("wrong password");
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
    void aBannedAddressStillGetsItsResponsesThroughOnlyItsRequestsAreDropped() {
        for (int i = 0; i < 5; i++) {
            bans.failed(attacker, "wrong password for 1001");
        }
        SipMessage options = ((ParseResult.Ok) new SipParser().parse(("OPTIONS sip:1001@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bK1\r\nFrom: <sip:1001@x>;tag=1\r\nTo: <sip:gw@x>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8))).message();
        SipMessage ok = SipResponse.forRequest((dev.lifeline.sip.message.SipRequest) options, 200, "OK").build();

        assertThat(bans.admits(attackerPort, options)).isFalse();
        assertThat(bans.admits(attackerPort, ok)).as("a response to the gateway's own request").isTrue();
    }

    @Test
    void anAddressWithALiveRegistrationNeedsFourTimesTheGuesses() {
        registered.add(attacker);
        for (int i = 0; i < 19; i++) {
            bans.failed(attacker, "wrong password for 1003");
        }
        assertThat(bans.admits(attackerPort)).isTrue();

        bans.failed(attacker, "wrong password for 1003");

        assertThat(bans.admits(attackerPort)).isFalse();
        assertThat(events.ofType(SourceBanned.class)).singleElement().satisfies(e -> assertThat(e.reason())
                .contains("20 password guesses within 1m from an address with a live registration"));
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
