package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through the B2BUA over real sockets on 127.0.0.1: phones, groups, media, events. */
class B2buaCallTest extends B2buaSocketTest {


    @BeforeEach
    void start() throws Exception {
        gw = closing(new GatewayHarness(RoutingConfigs.site()));
        gw.trunks.down("provider", "registration failing: timeout").down("backup", "path wan1 down")
                .down("pots", "line unplugged");
    }

    @Test
    void internalCallCarriesMediaBothWaysThroughTheRelayAndEndsWithQuality() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002");

        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        SipResponse ok = call.answeredAndAcked();
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("ACK"));

        ServerRequest atBob = bob.requests("INVITE").getFirst();
        InetSocketAddress relayForAlice = TestAgent.mediaTarget(ok);
        InetSocketAddress relayForBob = TestAgent.mediaTarget(atBob.request());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(call.provisional).extracting(SipResponse::status).contains(180);
        assertThat(relayForAlice.getPort()).isNotEqualTo(bob.rtpPort());
        assertThat(relayForBob.getPort()).isNotEqualTo(alice.rtpPort());
        assertThat(atBob.request().callId()).isNotEqualTo(call.invite.callId());
        assertThat(atBob.request().maxForwards()).hasValue(69);
        assertThat(B2bua.user(atBob.request().from().uri())).isEqualTo("1001");

        alice.sendRtp(relayForAlice, 25);
        bob.sendRtp(relayForBob, 25);
        await().atMost(TestAgent.WAIT).until(() -> bob.rtpReceived() >= 25 && alice.rtpReceived() >= 25);
        // While the call is up the relay's periodic reports become quality events for each direction.
        await().atMost(TestAgent.WAIT).until(() -> gw.events.ofType(Event.CallQuality.class).stream()
                .map(Event.CallQuality::direction).distinct().count() == 2);
        assertThat(gw.events.ofType(Event.CallQuality.class)).allSatisfy(q -> {
            assertThat(q.callId()).isEqualTo(call.invite.callId());
            assertThat(q.mos()).isBetween(1.0, 4.5);
            assertThat(q.leg()).as("both parties are phones").isEqualTo("lan");
        });
        assertThat(gw.b2bua.activeCalls()).singleElement().satisfies(c -> {
            assertThat(c.route()).isEqualTo("internal");
            assertThat(c.answered()).isPresent();
            assertThat(c.legs()).extracting(l -> l.side().spelling() + " " + l.from())
                    .containsExactly("lan phone 1001", "lan phone 1002");
        });

        assertThat(call.bye().status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("BYE"));
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());

        Event.CallEnded ended = gw.events.ofType(Event.CallEnded.class).getFirst();
        assertThat(gw.events.events()).extracting(Event::type).containsSubsequence("CallStarted", "CallEnded");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLER);
        assertThat(ended.cause()).isEqualTo("caller hung up");
        assertThat(ended.route()).isEqualTo("internal");
        // RFC 3550 A.1: the first packet of a source is on probation and not counted.
        assertThat(ended.fromCallerPackets()).isBetween(24L, 25L);
        assertThat(ended.fromCalleePackets()).isBetween(24L, 25L);
        assertThat(ended.fromCallerLossPercent()).isZero();
        assertThat(ended.fromCallerR()).isGreaterThan(80);
        assertThat(ended.fromCalleeMos()).isGreaterThan(4.0);
        assertThat(ended.duration()).isPositive();
        assertThat(ended.callerLeg()).isEqualTo("lan");
        assertThat(ended.calleeLeg()).isEqualTo("lan");
        assertThat(ended.blame()).as("25 packets a leg are too few to judge").isEqualTo("unmeasured");
        assertThat(gw.records.recent(1)).singleElement().satisfies(r -> assertThat(r.fromCaller().packets()).isBetween(24L, 25L));
        assertThat(gw.b2bua.activeCalls()).isEmpty();
    }

    @Test
    void ringAllGroupRingsEveryMemberAndCancelsTheOthersWhenOneAnswers() throws Exception {
        TestAgent caller = phone("1003");
        TestAgent first = phone("1001").onInvite(TestAgent::ring);
        TestAgent second = phone("1002").onInvite(TestAgent::ring);

        TestAgent.OutgoingCall call = caller.call("600", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> first.methods().contains("INVITE") && second.methods().contains("INVITE"));
        second.answerNow();

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> first.methods().contains("CANCEL"));
        await().atMost(TestAgent.WAIT).until(() -> second.methods().contains("ACK"));
        assertThat(second.methods()).doesNotContain("CANCEL");
        assertThat(gw.b2bua.activeCalls()).singleElement().satisfies(c -> assertThat(c.route()).isEqualTo("group 600"));
        call.bye();
        await().atMost(TestAgent.WAIT).until(() -> second.methods().contains("BYE"));
    }

    @Test
    void sequentialGroupTriesMembersOneByOneWithTheRingTimeout() throws Exception {
        TestAgent caller = phone("1003");
        TestAgent first = phone("1001").onInvite(TestAgent::ring);
        TestAgent second = phone("1002");

        TestAgent.OutgoingCall call = caller.call("610", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> first.methods().contains("INVITE"));
        assertThat(second.methods()).doesNotContain("INVITE");

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        // The CANCEL left before the second INVITE, but two sockets' datagrams race to their readers.
        await().atMost(TestAgent.WAIT).until(() -> first.methods().contains("CANCEL"));
        assertThat(second.methods()).contains("INVITE");
        call.bye();
    }

    @Test
    void cancelBeforeAnswerCancelsTheCalleeAndAnswers487() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002").onInvite(TestAgent::ring);

        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 180));
        assertThat(call.cancel().status()).isEqualTo(200);

        assertThat(call.awaitFinal().status()).isEqualTo(487);
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("CANCEL"));
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = gw.events.ofType(Event.CallEnded.class).getFirst();
        assertThat(ended.status()).isEqualTo(487);
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLER);
        assertThat(ended.answered()).isNull();
    }

    @Test
    void byeFromTheCalleeHangsUpTheCaller() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002");
        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        call.answeredAndAcked();
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("ACK"));

        assertThat(bob.byeAsCallee().status()).isEqualTo(200);

        await().atMost(TestAgent.WAIT).until(() -> alice.methods().contains("BYE"));
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = gw.events.ofType(Event.CallEnded.class).getFirst();
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLEE);
        assertThat(ended.cause()).isEqualTo("callee hung up");
    }

    @Test
    void busyIsPropagated() throws Exception {
        TestAgent alice = phone("1001");
        phone("1002").onInvite(TestAgent.reject(486, "Busy Here"));

        SipResponse response = alice.call("1002", gw.address()).awaitFinal();

        assertThat(response.status()).isEqualTo(486);
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        assertThat(gw.events.ofType(Event.CallEnded.class).getFirst().endedBy()).isEqualTo(Event.Hangup.CALLEE);
    }

    @Test
    void unregisteredExtensionIs480AndUnassignedInternalNumber404() throws Exception {
        TestAgent alice = phone("1001");

        assertThat(alice.call("1004", gw.address()).awaitFinal().status()).isEqualTo(480);
        assertThat(alice.call("1999", gw.address()).awaitFinal().status()).isEqualTo(404);
    }

    @Test
    void holdAndResumeReInvitesPassThroughWithTheRelaysAddress() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002");
        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        SipResponse ok = call.answeredAndAcked();
        InetSocketAddress relayForAlice = TestAgent.mediaTarget(ok);

        SipResponse held = call.reInvite("sendonly");

        assertThat(held.status()).isEqualTo(200);
        List<ServerRequest> invites = bob.requests("INVITE");
        assertThat(invites).hasSize(2);
        String atBob = new String(invites.get(1).request().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(atBob).contains("a=sendonly").doesNotContain("m=audio " + alice.rtpPort() + " ");
        assertThat(TestAgent.mediaTarget(held)).isEqualTo(relayForAlice);
        assertThat(TestAgent.sdpOf(held).origin().sessionVersion()).isEqualTo(TestAgent.sdpOf(ok).origin().sessionVersion());
        assertThat(call.reInvite("sendrecv").status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> bob.requests("ACK").size() >= 3);
        call.bye();
    }

    @Test
    void maxForwardsZeroIs483() throws Exception {
        TestAgent alice = phone("1001");
        phone("1002");
        TestAgent.OutgoingCall call = alice.call("1002", gw.address(), alice.sdp("sendrecv"), 0);

        assertThat(call.awaitFinal().status()).isEqualTo(483);
    }

    @Test
    void earlyMediaIsPassedToTheCallerWithTheRelaysAddress() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002").onInvite((agent, invite) -> invite.respond(invite.response(183, "Session Progress")
                .contact(agent.contact()).body("application/sdp", agent.sdp("sendrecv")).build()));

        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 183));

        SipResponse progress = call.provisional.stream().filter(r -> r.status() == 183).findFirst().orElseThrow();
        InetSocketAddress relayForAlice = TestAgent.mediaTarget(progress);
        assertThat(relayForAlice.getPort()).isNotEqualTo(bob.rtpPort());
        bob.sendRtp(TestAgent.mediaTarget(bob.requests("INVITE").getFirst().request()), 5);
        await().atMost(TestAgent.WAIT).until(() -> alice.rtpReceived() >= 5);
        call.cancel();
        assertThat(call.awaitFinal().status()).isEqualTo(487);
    }

    @Test
    void anInviteComingBackToTheGatewayIsALoop() throws Exception {
        TestAgent alice = phone("1001");
        gw.trunks.up("provider", gw.address(), java.util.Optional.empty());   // a trunk misconfigured to point at ourselves

        assertThat(alice.call("915550123", gw.address()).awaitFinal().status()).isEqualTo(482);
    }
}
