package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls to and from the provider through the B2BUA, over real sockets on 127.0.0.1. */
class B2buaTrunkTest extends B2buaSocketTest {

    private static final Optional<DigestClient> SITE1 =
            Optional.of(DigestClient.withPassword("site1", "trunkpw", new SplittableRandom(1)));


    @BeforeEach
    void start() throws Exception {
        gw = closing(new GatewayHarness(RoutingConfigs.site()));
        gw.trunks.down("provider", "registration failing: timeout").down("backup", "path wan1 down")
                .down("pots", "line unplugged");
    }

    private TestAgent provider(String name, Optional<DigestClient> credentials) throws Exception {
        TestAgent p = closing(new TestAgent("+15559876"));
        gw.trunk(name, p, credentials);
        return p;
    }

    @Test
    void outboundCallReachesTheProviderInE164WithTheCallerIdInE164() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = provider("provider", Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());
        assertThat(call.answeredAndAcked().status()).isEqualTo(200);

        ServerRequest invite = provider.requests("INVITE").getFirst();
        assertThat(B2bua.user(invite.request().requestUri())).isEqualTo("+15550123");
        assertThat(B2bua.user(invite.request().to().uri())).isEqualTo("+15550123");
        assertThat(B2bua.user(invite.request().from().uri())).isEqualTo("+15550100");
        assertThat(gw.b2bua.activeCalls()).singleElement().satisfies(c -> assertThat(c.route()).isEqualTo("trunk provider"));
        assertThat(call.bye().status()).isEqualTo(200);
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().contains("BYE"));
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = gw.events.ofType(Event.CallEnded.class).getFirst();
        assertThat(ended.callerLeg()).as("the phone's leg").isEqualTo("lan");
        assertThat(ended.calleeLeg()).as("the provider's leg").isEqualTo("wan");
    }

    @Test
    void aRefreshReInvitesTheProviderInTheSameDialogWithTheSameMedia() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = provider("provider", Optional.empty());
        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());
        assertThat(call.answeredAndAcked().status()).isEqualTo(200);

        gw.b2bua.refreshTrunkCalls("provider", "NAT mapping changed on wan1");
        gw.b2bua.refreshTrunkCalls("another", "not this trunk's");

        await().atMost(TestAgent.WAIT).until(() -> provider.requests("INVITE").size() == 2);
        ServerRequest first = provider.requests("INVITE").get(0);
        ServerRequest again = provider.requests("INVITE").get(1);
        assertThat(again.request().callId()).isEqualTo(first.request().callId());
        assertThat(again.request().to().tag()).isPresent();
        assertThat(again.request().cseq().number()).isGreaterThan(first.request().cseq().number());
        // The relay's address for the provider is unchanged: the same connection line and port.
        assertThat(sdpAddress(again)).isEqualTo(sdpAddress(first));
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().stream().filter("ACK"::equals).count() == 2);
        assertThat(alice.requests("INVITE")).isEmpty();   // the phone's side is left alone
        assertThat(call.bye().status()).isEqualTo(200);
    }

    private static String sdpAddress(ServerRequest invite) {
        String sdp = new String(invite.request().body(), java.nio.charset.StandardCharsets.US_ASCII);
        return sdp.lines().filter(l -> l.startsWith("c=") || l.startsWith("m=audio")).toList().toString();
    }

    @Test
    void providerChallengeIsAnsweredWithTheTrunksCredentials() throws Exception {
        TestAgent alice = phone("1001");
        ChallengingProvider auth = new ChallengingProvider(TestAgent::answer);
        TestAgent provider = provider("provider", SITE1).onInvite(auth::onInvite);

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        assertThat(auth.verdicts).containsExactly(new Verdict.Accepted("site1"));
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().contains("ACK"));
        ServerRequest ack = provider.requests("ACK").getFirst();
        assertThat(ack.request().cseq().number()).isEqualTo(provider.requests("INVITE").get(1).request().cseq().number());
        call.bye();
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().contains("BYE"));
    }

    @Test
    void cancelReachesTheProviderAfterAChallenge() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = provider("provider", SITE1).onInvite(new ChallengingProvider(TestAgent::ring)::onInvite);

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> call.provisional.stream().anyMatch(r -> r.status() == 180));
        call.cancel();

        assertThat(call.awaitFinal().status()).isEqualTo(487);
        await().atMost(TestAgent.WAIT).until(() -> provider.methods().contains("CANCEL"));
        // The CANCEL matched the second (authenticated) INVITE: the provider's stack ended it with 487.
        assertThat(provider.requests("INVITE").get(1).finalResponseSent()).isTrue();
    }

    @Test
    void inboundDidRingsTheExtensionWithTheCallerShownNationally() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = provider("provider", Optional.empty());

        TestAgent.OutgoingCall call = provider.call("+15550100", gw.address());

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        ServerRequest invite = alice.requests("INVITE").getFirst();
        assertThat(B2bua.user(invite.request().from().uri())).isEqualTo("15559876");
        assertThat(gw.events.ofType(Event.CallStarted.class).getFirst().from()).isEqualTo("15559876");
        call.bye();
        await().atMost(TestAgent.WAIT).until(() -> alice.methods().contains("BYE"));
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = gw.events.ofType(Event.CallEnded.class).getFirst();
        assertThat(ended.callerLeg()).as("the provider called").isEqualTo("wan");
        assertThat(ended.calleeLeg()).isEqualTo("lan");
    }

    @Test
    void unreachableTrunkIs503AtOnceWithTheReason() throws Exception {
        TestAgent alice = phone("1001");

        long start = System.nanoTime();
        SipResponse response = alice.call("915550123", gw.address()).awaitFinal();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.reason()).contains("trunk provider: registration failing: timeout");
        assertThat(response.headers().first("Warning")).hasValueSatisfying(w -> assertThat(w)
                .startsWith("399 ").contains("trunk provider: registration failing: timeout", "trunk backup: path wan1 down"));
        assertThat(took).isLessThan(Duration.ofSeconds(5));   // Timer B would be 32 s; this is a few ms
    }

    @Test
    void providerUnavailableFailsOverToTheNextTrunkOfTheRule() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent provider = provider("provider", Optional.empty()).onInvite(TestAgent.reject(503, "Service Unavailable"));
        TestAgent backup = closing(new TestAgent("backup"));
        gw.trunk("backup", backup, Optional.empty());

        TestAgent.OutgoingCall call = alice.call("915550123", gw.address());

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        assertThat(provider.methods()).contains("INVITE");
        // The backup trunk presents numbers nationally.
        assertThat(B2bua.user(backup.requests("INVITE").getFirst().request().requestUri())).isEqualTo("15550123");
        call.bye();
    }

    @Test
    void lastTrunkUnavailableIs503ToThePhone() throws Exception {
        TestAgent alice = phone("1001");
        provider("provider", Optional.empty()).onInvite(TestAgent.reject(503, "Service Unavailable"));

        assertThat(alice.call("915550123", gw.address()).awaitFinal().status()).isEqualTo(503);
    }

    @Test
    void emergencyCallWithNoTrunkReachableRingsTheFallbackGroup() throws Exception {
        TestAgent caller = phone("1003");
        TestAgent reception = phone("1001").onInvite(TestAgent::ring);
        TestAgent desk = phone("1002");

        TestAgent.OutgoingCall call = caller.call("911", gw.address());

        assertThat(call.answeredAndAcked().status()).isEqualTo(200);
        assertThat(reception.methods()).contains("INVITE");
        assertThat(desk.methods()).contains("INVITE");
        assertThat(B2bua.user(desk.requests("INVITE").getFirst().request().from().uri())).isEqualTo("1003");
        assertThat(gw.events.ofType(Event.CallStarted.class).getFirst().route()).isEqualTo("emergency to group 600");
        call.bye();
    }

    @Test
    void emergencyCallGoesToTheProviderWhenItIsReachable() throws Exception {
        TestAgent caller = phone("1003");
        TestAgent provider = provider("provider", Optional.empty());

        assertThat(caller.call("911", gw.address()).answeredAndAcked().status()).isEqualTo(200);
        assertThat(B2bua.user(provider.requests("INVITE").getFirst().request().requestUri())).isEqualTo("911");
    }

    @Test
    void trunkCallerDiallingAnExternalNumberIsRefused() throws Exception {
        TestAgent provider = provider("provider", Optional.empty());

        SipResponse response = provider.call("+4930123456", gw.address()).awaitFinal();

        assertThat(response.status()).isEqualTo(403);
        assertThat(provider.requests("INVITE")).isEmpty();
        await().atMost(TestAgent.WAIT).until(() -> !gw.events.ofType(Event.CallEnded.class).isEmpty());
        assertThat(gw.events.ofType(Event.CallEnded.class).getFirst().endedBy()).isEqualTo(Event.Hangup.GATEWAY);
    }

    /** A provider that wants Proxy-Authorization for site1/trunkpw on every INVITE. */
    private static final class ChallengingProvider {
        final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
        private final BiConsumer<TestAgent, ServerRequest> then;
        private final HmacNonceAuthenticator authenticator = new HmacNonceAuthenticator(
                DigestSettings.of("provider.example", "another-32-byte-secret-for-tests".getBytes(StandardCharsets.US_ASCII)),
                Clock.systemUTC(), new SplittableRandom(3));

        ChallengingProvider(BiConsumer<TestAgent, ServerRequest> then) {
            this.then = then;
        }

        void onInvite(TestAgent agent, ServerRequest invite) {
            List<AuthHeader> credentials = invite.request().proxyAuthorization();
            if (credentials.isEmpty()) {
                challenge(invite);
                return;
            }
            Verdict v = authenticator.verify("INVITE", invite.request().requestUri().toString(), credentials.getFirst(),
                    user -> user.equals("site1") ? Optional.of(Credential.password("trunkpw")) : Optional.empty());
            verdicts.add(v);
            if (v instanceof Verdict.Accepted) {
                then.accept(agent, invite);
            } else {
                challenge(invite);
            }
        }

        private void challenge(ServerRequest invite) {
            SipResponse.Builder c = invite.response(407, "Proxy Authentication Required");
            authenticator.challenge(false).forEach(h -> c.header(HeaderNames.PROXY_AUTHENTICATE, h.toString()));
            invite.respond(c.build());
        }
    }
}
