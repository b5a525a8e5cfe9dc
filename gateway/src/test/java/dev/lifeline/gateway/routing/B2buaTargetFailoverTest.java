package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 3263 §4.3 for outbound INVITEs: a provider with two targets on different loopback
 * addresses; the B2BUA moves to the second when the first answers 503, stays silent until
 * Timer B, or cannot be reached, but never once the first has rung.
 */
class B2buaTargetFailoverTest {

    /** Timer B with the tests' fast timers is 64 * 50 ms = 3.2 s; the call then still has to be answered. */
    private static final Duration AFTER_TIMER_B = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        gw = closing(new GatewayHarness(RoutingConfigs.site()));
        gw.trunks.down("backup", "path wan1 down").down("pots", "line unplugged");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    private TestAgent phone(String number) throws Exception {
        TestAgent p = closing(new TestAgent(number));
        gw.register(number, p);
        return p;
    }

    private TestAgent target(String host) throws Exception {
        return closing(new TestAgent("+15559876", host));
    }

    private List<Event.ProviderTargetFailed> targetFailures() {
        return gw.events.ofType(Event.ProviderTargetFailed.class);
    }

    @Test
    void firstTargetAnswering503MovesTheInviteToTheSecond() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent first = target("127.0.0.21").onInvite(TestAgent.reject(503, "Service Unavailable"));
        TestAgent second = target("127.0.0.22");
        gw.trunk("provider", List.of(first.address(), second.address()), Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        ServerRequest tried = first.requests("INVITE").getFirst();
        ServerRequest answered = second.requests("INVITE").getFirst();
        // The same request as a new transaction: same Call-ID and From tag, new branch, higher CSeq.
        assertThat(answered.request().callId()).isEqualTo(tried.request().callId());
        assertThat(answered.request().from().tag()).isEqualTo(tried.request().from().tag());
        assertThat(answered.request().topVia().branch()).isNotEqualTo(tried.request().topVia().branch());
        assertThat(answered.request().cseq().number()).isGreaterThan(tried.request().cseq().number());
        assertThat(targetFailures()).singleElement().satisfies(e -> {
            assertThat(e.trunk()).isEqualTo("provider");
            assertThat(e.method()).isEqualTo("INVITE");
            assertThat(e.target()).isEqualTo("udp 127.0.0.21:" + first.address().getPort());
            assertThat(e.reason()).isEqualTo("503 Service Unavailable");
        });

        assertThat(call.bye().status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> second.methods().contains("BYE"));
        assertThat(first.methods()).doesNotContain("BYE");
    }

    @Test
    void silentFirstTargetIsLeftAfterTimerB() throws Exception {
        TestAgent alice = phone("1001");
        // Nothing answers here, not even 100 Trying (which would stop Timer B).
        DatagramSocket blackhole = closing(new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), 0)));
        TestAgent second = target("127.0.0.24");
        InetSocketAddress silent = new InetSocketAddress(blackhole.getLocalAddress(), blackhole.getLocalPort());
        gw.trunk("provider", List.of(silent, second.address()), Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());

        SipResponse ok = call.result.get(AFTER_TIMER_B.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(targetFailures()).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("udp 127.0.0.23:" + silent.getPort());
            assertThat(e.reason()).startsWith("timeout");
        });
        call.answeredAndAcked();
        call.bye();
    }

    @Test
    void aSilentFirstTargetIsLeftAfterTheTargetTimeoutNotTimerB() throws Exception {
        open.remove(gw);
        gw.close();
        gw = closing(new GatewayHarness(RoutingConfigs.site(), new B2buaSettings(Duration.ofSeconds(10),
                Duration.ofMillis(800))));
        gw.trunks.down("backup", "path wan1 down").down("pots", "line unplugged");
        TestAgent alice = phone("1001");
        DatagramSocket blackhole = closing(new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), 0)));
        java.util.concurrent.atomic.AtomicInteger invites = new java.util.concurrent.atomic.AtomicInteger();
        Thread counter = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            while (!blackhole.isClosed()) {
                try {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(buffer, buffer.length);
                    blackhole.receive(p);
                    if (new String(buffer, 0, Math.min(p.getLength(), 6), java.nio.charset.StandardCharsets.US_ASCII)
                            .equals("INVITE")) {
                        invites.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        TestAgent second = target("127.0.0.24");
        InetSocketAddress silent = new InetSocketAddress(blackhole.getLocalAddress(), blackhole.getLocalPort());
        gw.trunk("provider", List.of(silent, second.address()), Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());

        assertThat(call.result.get(AFTER_TIMER_B.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(200);
        // T1 50 ms: sent at 0, 50, 150, 350 and 750 ms before the 800 ms target timeout; a full
        // Timer B (3.2 s) would have sent it 7 times.
        assertThat(invites.get()).isBetween(3, 5);
        assertThat(targetFailures()).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("timeout"));
        call.answeredAndAcked();
        call.bye();
        blackhole.close();
        counter.join(1000);
    }

    @Test
    void noFailoverOnceTheFirstTargetRang() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent first = target("127.0.0.25").onInvite((agent, invite) -> {
            invite.respond(180, "Ringing");
            invite.respond(503, "Service Unavailable");
        });
        TestAgent second = target("127.0.0.26");
        gw.trunk("provider", List.of(first.address(), second.address()), Optional.empty());

        SipResponse response = alice.call("915550123", gw.address()).awaitFinal();

        assertThat(response.status()).isEqualTo(503);
        assertThat(first.methods()).contains("INVITE");
        assertThat(second.methods()).doesNotContain("INVITE");
        assertThat(targetFailures()).isEmpty();
    }

    @Test
    void everyTargetFailingEndsTheCallWithTheLastFailure() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent first = target("127.0.0.27").onInvite(TestAgent.reject(503, "Service Unavailable"));
        TestAgent second = target("127.0.0.28").onInvite(TestAgent.reject(503, "Overloaded"));
        gw.trunk("provider", List.of(first.address(), second.address()), Optional.empty());

        SipResponse response = alice.call("915550123", gw.address()).awaitFinal();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.reason()).isEqualTo("Overloaded");
        assertThat(targetFailures()).extracting(Event.ProviderTargetFailed::reason)
                .containsExactly("503 Service Unavailable", "503 Overloaded");
    }

    @Test
    void cancelGoesToTheTargetThatIsRinging() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent first = target("127.0.0.29").onInvite(TestAgent.reject(503, "Service Unavailable"));
        TestAgent second = target("127.0.0.30").onInvite(TestAgent::ring);
        gw.trunk("provider", List.of(first.address(), second.address()), Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 180));
        call.cancel();

        assertThat(call.awaitFinal().status()).isEqualTo(487);
        await().atMost(TestAgent.WAIT).until(() -> second.methods().contains("CANCEL"));
        assertThat(second.requests("INVITE").getFirst().finalResponseSent()).isTrue();
        assertThat(first.methods()).doesNotContain("CANCEL");
    }
}
