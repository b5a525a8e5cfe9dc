package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.config.CallLimits;
import dev.lifeline.gateway.config.RegistrarSettings;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.CancelRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attacks on calls through the B2BUA, over real sockets on 127.0.0.1: each must leave the calls of others alone. */
class B2buaAbuseTest extends B2buaSocketTest {


    @BeforeEach
    void start() throws Exception {
        gw = closing(new GatewayHarness(RoutingConfigs.site()));
        gw.trunks.down("provider", "registration failing: timeout").down("backup", "path wan1 down")
                .down("pots", "line unplugged");
    }

    @Test
    void aForgedCancelWithTheCallIdButAnotherBranchIs481AndTheCallRingsOn() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002").onInvite(TestAgent::ring);
        TestAgent mallory = closing(new TestAgent("mallory"));
        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 180));

        // Everything an observer of one message learns (Call-ID, tags, CSeq, Request-URI), from
        // another address, in a transaction of its own (the stack gives it a fresh branch).
        SipRequest forged = CancelRequest.of(call.invite).toBuilder().popVia().build();
        SipResponse answer = TestAgent.get(mallory.stack.request(forged, call.target).toCompletableFuture());

        assertThat(answer.status()).isEqualTo(481);
        Thread.sleep(300);   // what the B2BUA would do with it, it does within this
        assertThat(call.result).isNotDone();
        assertThat(bob.methods()).doesNotContain("CANCEL");
        assertThat(gw.b2bua.activeCalls()).hasSize(1);
        assertThat(gw.events.ofType(Event.CallEnded.class)).isEmpty();

        bob.answerNow();
        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        call.bye();
    }

    @Test
    void aReferTowardTheProviderIsRefusedAndNeverReachesIt() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = closing(new TestAgent("+15559876"));
        gw.trunk("provider", provider, java.util.Optional.empty());
        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());
        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().contains("ACK"));

        // 1999 is internal and unassigned; 900 numbers match no outbound rule: the dial plan allows neither.
        SipResponse premium = call.refer("sip:+19005550123@127.0.0.1");
        SipResponse internal = call.refer("sip:1999@127.0.0.1");

        assertThat(premium.status()).isEqualTo(403);
        assertThat(premium.headers().values("Warning")).singleElement().asString().contains("transfers");
        assertThat(internal.status()).isEqualTo(403);
        Thread.sleep(200);   // anything relayed would be there by now
        assertThat(provider.methods()).doesNotContain("REFER");
        assertThat(call.reInvite("sendrecv").status()).as("the call is still up").isEqualTo(200);
        call.bye();
    }

    @Test
    void aReferBetweenTwoPhonesStillPasses() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002");
        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        assertThat(call.answeredAndAcked().status()).isEqualTo(200);

        // Bob's phone would call 1003 through the gateway: authenticated and dial-planned as 1002.
        assertThat(call.refer("sip:1003@127.0.0.1").status()).isEqualTo(200);
        assertThat(bob.requests("REFER")).singleElement()
                .satisfies(r -> assertThat(r.request().headers().values("Refer-To")).containsExactly("<sip:1003@127.0.0.1>"));
        call.bye();
    }

    private static boolean rangOrEnded(TestAgent.OutgoingCall c) {
        return c.result.isDone() || c.provisional.stream().anyMatch(r -> r.status() == 180);
    }

    private static int status(TestAgent.OutgoingCall c) {
        return c.result.isDone() ? c.result.join().status() : 180;
    }

    @Test
    void fiftyUnansweredInvitesFromOneExtensionRingFourAndTheRestAre503ButEmergencyStillGoesThrough() throws Exception {
        TestAgent caller = phone("1003");
        phone("1001").onInvite(TestAgent::ring);
        phone("1002").onInvite(TestAgent::ring);
        InetAddress relayAddress = InetAddress.getLoopbackAddress();

        List<TestAgent.OutgoingCall> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(caller.call("1001", gw.address()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(B2buaAbuseTest::rangOrEnded));

        assertThat(calls).filteredOn(c -> status(c) == 180).hasSize(CallLimits.DEFAULT.callsPerExtension());
        assertThat(calls).filteredOn(c -> status(c) == 503).hasSize(50 - CallLimits.DEFAULT.callsPerExtension())
                .allSatisfy(c -> assertThat(c.result.join().headers().values("Warning")).singleElement().asString()
                        .contains("extension 1003 has 4 calls up already"));
        // Two legs of each admitted call, nothing for the refused ones.
        assertThat(gw.relay.pairsInUse(relayAddress)).isEqualTo(2 * CallLimits.DEFAULT.callsPerExtension());

        TestAgent.OutgoingCall emergency = caller.call("911", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> rangOrEnded(emergency));
        assertThat(status(emergency)).as("an emergency call over the limit").isEqualTo(180);
        assertThat(gw.b2bua.activeCalls()).filteredOn(c -> c.route().startsWith("emergency")).hasSize(1);
    }

    @Test
    void invitesFromTheProvidersAddressRingOnlyUpToTheTrunkLimit() throws Exception {
        closeNow(gw);
        gw = closing(new GatewayHarness(RoutingConfigs.parse(RoutingConfigs.SITE.replace("  emergency: [911, 112]\n",
                "  emergency: [911, 112]\n  maxRingingPerTrunk: 3\n"))));
        phone("1001").onInvite(TestAgent::ring);
        // Anyone can put the provider's address on a UDP datagram; here the provider itself sends them.
        TestAgent spoofed = closing(new TestAgent("+15559876"));
        gw.trunk("provider", spoofed, java.util.Optional.empty());

        List<TestAgent.OutgoingCall> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(spoofed.call("+15550100", gw.address()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(B2buaAbuseTest::rangOrEnded));

        assertThat(calls).filteredOn(c -> status(c) == 180).hasSize(3);
        assertThat(calls).filteredOn(c -> status(c) == 503).hasSize(7);
        assertThat(gw.relay.pairsInUse(InetAddress.getLoopbackAddress())).isEqualTo(6);
    }

    @Test
    void anInboundCallForksToAtMostTheContactLimitOfTheExtension() throws Exception {
        TestAgent desk = closing(new TestAgent("desk")).onInvite(TestAgent::ring);
        for (int i = 0; i < 20; i++) {
            gw.register("1001", desk, "c" + i);      // a store filled before the limit, or by hand
        }
        TestAgent provider = closing(new TestAgent("+15559876"));
        gw.trunk("provider", provider, java.util.Optional.empty());

        TestAgent.OutgoingCall call = provider.call("+15550100", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> desk.requests("INVITE").size() >= 5);
        Thread.sleep(300);   // any sixth INVITE would have arrived by now

        assertThat(desk.requests("INVITE")).hasSize(RegistrarSettings.DEFAULT_MAX_CONTACTS);
        assertThat(call.result).isNotDone();
    }

    @Test
    void theCallersOwnCancelStillEndsTheCallWith487() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002").onInvite(TestAgent::ring);
        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 180));

        assertThat(call.cancel().status()).isEqualTo(200);

        assertThat(call.awaitFinal().status()).isEqualTo(487);
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("CANCEL"));
        await().atMost(Duration.ofSeconds(2)).until(() -> gw.b2bua.activeCalls().isEmpty());
    }
}
