package dev.lifeline.drill.lab.provider;

import static dev.lifeline.drill.lab.provider.SiteAgent.WAIT;
import static dev.lifeline.drill.lab.provider.SiteAgent.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.provider.ProviderObservation.ByeReceived;
import dev.lifeline.drill.lab.provider.ProviderObservation.CallAnswered;
import dev.lifeline.drill.lab.provider.ProviderObservation.InboundCallPlaced;
import dev.lifeline.drill.lab.provider.ProviderObservation.InviteReceived;
import dev.lifeline.drill.lab.provider.ProviderObservation.MediaMoved;
import dev.lifeline.drill.lab.provider.ProviderObservation.OptionsAnswered;
import dev.lifeline.drill.lab.provider.ProviderObservation.RegisterAccepted;
import dev.lifeline.drill.lab.provider.ProviderObservation.RegisterChallenged;
import dev.lifeline.drill.lab.provider.ProviderObservation.RequestRefused;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.uri.SipUri;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lab provider over real sockets: two targets on 127.0.0.41/.42, the site on 127.0.0.51. */
class LabProviderSocketTest {

    private LabProvider provider;
    private SiteAgent site;
    private final List<ProviderObservation> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        start(MediaMode.ECHO, MediaAddressing.SYMMETRIC);
    }

    private void start(MediaMode mode, MediaAddressing addressing) throws Exception {
        if (provider != null) {
            provider.close();
        }
        ProviderConfig config = ProviderConfig.of(SiteAgent.DOMAIN, SiteAgent.USER, SiteAgent.PASSWORD,
                        List.of(TargetSpec.udp("sip1", "127.0.0.41"), TargetSpec.udp("sip2", "127.0.0.42")))
                .withTimers(SiteAgent.FAST).withMediaMode(mode).withAddressing(addressing);
        provider = LabProvider.start(config, Clock.systemUTC(), new SplittableRandom(5060));
        provider.addListener(heard::add);
        if (site == null) {
            site = new SiteAgent("127.0.0.51");
        }
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private InetSocketAddress sip1() {
        return provider.target("sip1").sipAddress();
    }

    @Test
    void trunkRegisterIsChallengedThenAcceptedAndTheBindingKeepsItsSource() throws Exception {
        SipResponse ok = site.register(sip1());

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contacts()).singleElement().satisfies(c -> assertThat(c.expires()).hasValue(300));
        assertThat(provider.observations()).map(o -> o.getClass().getSimpleName())
                .containsExactly("RegisterChallenged", "RegisterAccepted");
        RegisterChallenged challenged = provider.observations(RegisterChallenged.class).get(0);
        RegisterAccepted accepted = provider.observations(RegisterAccepted.class).get(0);
        assertThat(challenged.reason()).isEqualTo("no credentials");
        assertThat(accepted.source()).isEqualTo(site.address());
        assertThat(accepted.target()).isEqualTo("sip1");
        assertThat(accepted.at()).isAfterOrEqualTo(challenged.at());
        TrunkBinding binding = provider.binding().orElseThrow();
        assertThat(binding.source()).isEqualTo(site.address());
        assertThat(binding.contact().uri()).isEqualTo(site.contact().uri());
        assertThat(heard).hasSize(2);
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndNoBindingIsKept() throws Exception {
        provider.close();
        ProviderConfig config = ProviderConfig.of(SiteAgent.DOMAIN, SiteAgent.USER, "another-password",
                List.of(TargetSpec.udp("sip1", "127.0.0.41"))).withTimers(SiteAgent.FAST);
        provider = LabProvider.start(config, Clock.systemUTC());

        assertThat(site.register(sip1()).status()).isEqualTo(401);
        assertThat(provider.observations(RegisterChallenged.class)).last()
                .satisfies(c -> assertThat(c.reason()).contains("wrong password"));
        assertThat(provider.binding()).isEmpty();
    }

    @Test
    void optionsIsAnswered200OnEveryTarget() throws Exception {
        for (ProviderTarget target : provider.targets()) {
            assertThat(get(site.options(target.sipAddress())).status()).isEqualTo(200);
        }
        assertThat(provider.observations(OptionsAnswered.class)).map(OptionsAnswered::target).containsExactly("sip1", "sip2");
    }

    @Test
    void anInviteIsAnsweredWithPcmuSdpAndRtpIsEchoed() throws Exception {
        SiteAgent.Call call = site.call("5550100", sip1(), site.rtpA);

        assertThat(call.answer.status()).isEqualTo(200);
        String sdp = new String(call.answer.body(), StandardCharsets.US_ASCII);
        assertThat(sdp).contains("c=IN IP4 127.0.0.41", "m=audio ", "RTP/AVP 0", "a=rtpmap:0 PCMU/8000");
        ProviderCall atProvider = provider.call(call.invite.callId()).orElseThrow();
        assertThat(atProvider.state()).isEqualTo(ProviderCall.State.ANSWERED);
        assertThat(atProvider.number()).isEqualTo("5550100");

        site.rtpA.send(atProvider.media().local(), 10);

        await().atMost(WAIT).until(() -> site.rtpA.received.get() >= 10);
        assertThat(atProvider.media().received().packets()).isEqualTo(10);
        assertThat(atProvider.media().received().lastSource()).contains(new InetSocketAddress("127.0.0.51", site.rtpA.port()));
        assertThat(site.rtpA.ssrcs).doesNotContain(0x5173L);
        assertThat(provider.observations()).map(o -> o.getClass().getSimpleName()).containsSubsequence("InviteReceived", "CallAnswered");
        assertThat(provider.observations(InviteReceived.class).get(0).source()).isEqualTo(site.address());
    }

    @Test
    void aReInviteMovesTheRtpDestinationAtOnceEvenThroughAnotherTarget() throws Exception {
        start(MediaMode.TEST_SIGNAL, MediaAddressing.SDP);
        SiteAgent.Call call = site.call("5550100", sip1(), site.rtpA);
        await().atMost(WAIT).until(() -> site.rtpA.received.get() >= 5);

        SipResponse ok = call.reInvite(site.rtpB, provider.target("sip2").sipAddress());

        assertThat(ok.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> site.rtpB.received.get() >= 5);
        int onA = site.rtpA.received.get();
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> site.rtpB.received.get() >= 10);
        assertThat(site.rtpA.received.get()).as("nothing goes to the old address after the move").isEqualTo(onA);
        MediaMoved moved = provider.observations(MediaMoved.class).get(0);
        assertThat(moved.from()).isEqualTo(new InetSocketAddress("127.0.0.51", site.rtpA.port()));
        assertThat(moved.to()).isEqualTo(new InetSocketAddress("127.0.0.51", site.rtpB.port()));
        assertThat(moved.target()).isEqualTo("sip2");
        assertThat(provider.call(call.invite.callId()).orElseThrow().target()).isEqualTo("sip2");
    }

    @Test
    void byeFromTheSiteEndsTheCallAndStopsItsMedia() throws Exception {
        start(MediaMode.TEST_SIGNAL, MediaAddressing.SYMMETRIC);
        SiteAgent.Call call = site.call("5550100", sip1(), site.rtpA);
        await().atMost(WAIT).until(() -> site.rtpA.received.get() >= 3);

        assertThat(call.bye().status()).isEqualTo(200);

        ProviderCall atProvider = provider.call(call.invite.callId()).orElseThrow();
        assertThat(atProvider.state()).isEqualTo(ProviderCall.State.ENDED);
        assertThat(atProvider.endReason()).isEqualTo("bye from site");
        assertThat(provider.observations(ByeReceived.class)).hasSize(1);
        int after = site.rtpA.received.get();
        await().pollDelay(Duration.ofMillis(150)).atMost(WAIT).until(() -> true);
        assertThat(site.rtpA.received.get()).isLessThanOrEqualTo(after + 1);
    }

    @Test
    void invitesMayBeChallenged407() throws Exception {
        provider.close();
        ProviderConfig config = ProviderConfig.of(SiteAgent.DOMAIN, SiteAgent.USER, SiteAgent.PASSWORD,
                List.of(TargetSpec.udp("sip1", "127.0.0.41"))).withTimers(SiteAgent.FAST).withChallengeInvites(true);
        provider = LabProvider.start(config, Clock.systemUTC());

        SipResponse challenge = site.call("5550100", sip1(), site.rtpA).answer;

        assertThat(challenge.status()).isEqualTo(407);
        assertThat(challenge.proxyAuthenticate()).isNotEmpty().allSatisfy(h -> assertThat(h.param("realm")).contains("provider.test"));
        assertThat(provider.calls()).isEmpty();
    }

    @Test
    void aRejectedNumberGetsItsStatus() throws Exception {
        provider.setCallAnswer("5550199", new CallAnswer.Reject(486, "Busy Here"));

        assertThat(site.call("5550199", sip1(), site.rtpA).answer.status()).isEqualTo(486);
    }

    @Test
    void serviceUnavailableFaultAnswersEverything503WithRetryAfterOnThatTargetOnly() throws Exception {
        provider.setFault("sip1", ProviderFault.serviceUnavailable(Duration.ofSeconds(30)));

        SipResponse options = get(site.options(sip1()));
        SipResponse register = site.register(sip1());
        SipResponse other = get(site.options(provider.target("sip2").sipAddress()));

        assertThat(options.status()).isEqualTo(503);
        assertThat(options.retryAfter()).hasValue(30);
        assertThat(register.status()).isEqualTo(503);
        assertThat(other.status()).isEqualTo(200);
        assertThat(provider.observations(RequestRefused.class)).map(RequestRefused::method).containsExactly("OPTIONS", "REGISTER");
        assertThat(provider.binding()).isEmpty();

        provider.setFault("sip1", ProviderFault.requestTimeout());
        assertThat(get(site.options(sip1())).status()).isEqualTo(408);
        provider.setFault("sip1", ProviderFault.HEALTHY);
        assertThat(get(site.options(sip1())).status()).isEqualTo(200);
    }

    @Test
    void aSilentTargetAnswersNothingUntilItIsHealthyAgain() throws Exception {
        provider.setFault("sip1", ProviderFault.SILENT);

        assertThatThrownBy(() -> site.options(sip1()).get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SipTimeoutException.class);
        assertThat(provider.target("sip1").silentlyDropped()).isPositive();
        assertThat(provider.observations(OptionsAnswered.class)).isEmpty();

        provider.setFault("sip1", ProviderFault.HEALTHY);
        assertThat(get(site.options(sip1())).status()).isEqualTo(200);
    }

    @Test
    void aDroppedTargetLosesItsCallsAndComesBackOnTheSameAddress() throws Exception {
        InetSocketAddress before = sip1();
        InetSocketAddress reflector = provider.target("sip1").reflectorAddress();
        SiteAgent.Call call = site.call("5550100", sip1(), site.rtpA);

        provider.setFault("sip1", ProviderFault.DROPPED);

        assertThat(provider.call(call.invite.callId()).orElseThrow().state()).isEqualTo(ProviderCall.State.ENDED);
        assertThat(site.options(sip1())).failsWithin(WAIT);
        provider.setFault("sip1", ProviderFault.HEALTHY);
        assertThat(sip1()).isEqualTo(before);
        assertThat(provider.target("sip1").reflectorAddress()).isEqualTo(reflector);
        assertThat(get(site.options(sip1())).status()).isEqualTo(200);
        assertThat(provider.observations()).map(o -> o.getClass().getSimpleName())
                .containsSubsequence("FaultChanged", "CallEnded", "FaultChanged", "OptionsAnswered");
    }

    static Stream<Arguments> callerIds() {
        return Stream.of(
                Arguments.of(CallerId.e164("+15550123"), "<sip:+15550123@provider.test;user=phone>", false),
                Arguments.of(CallerId.national("5550123"), "<sip:5550123@provider.test>", false),
                Arguments.of(CallerId.anonymous(), "Anonymous <sip:anonymous@anonymous.invalid>", true));
    }

    @ParameterizedTest
    @MethodSource("callerIds")
    void anInboundCallReachesTheRegisteredTrunkWithTheCallerId(CallerId callerId, String from, boolean privacy) throws Exception {
        start(MediaMode.TEST_SIGNAL, MediaAddressing.SYMMETRIC);
        site.register(provider.target("sip2").sipAddress());

        ProviderCall call = provider.placeCall(InboundCall.to("5550100", callerId));

        SipResponse answer = get(call.answer().toCompletableFuture());
        assertThat(answer.status()).isEqualTo(200);
        ServerRequest invite = site.requests("INVITE").get(0);
        SipRequest request = invite.request();
        assertThat(request.from().toString()).startsWith(from);
        assertThat(((SipUri) request.requestUri()).user()).isEqualTo("5550100");
        assertThat(((SipUri) request.to().uri()).user()).isEqualTo("5550100");
        assertThat(request.headers().first("Privacy").isPresent()).isEqualTo(privacy);
        assertThat(invite.source().remote()).as("sent by the target holding the binding")
                .isEqualTo(provider.target("sip2").sipAddress());
        assertThat(call.target()).isEqualTo("sip2");
        await().atMost(WAIT).until(() -> site.rtpA.received.get() >= 5);
        assertThat(call.state()).isEqualTo(ProviderCall.State.ANSWERED);
        assertThat(provider.observations(InboundCallPlaced.class)).singleElement()
                .satisfies(p -> assertThat(p.callerId()).isEqualTo(callerId.display()));
        assertThat(provider.observations(CallAnswered.class)).hasSize(1);

        assertThat(get(call.hangUp().toCompletableFuture()).status()).isEqualTo(200);
        assertThat(site.requests("BYE")).hasSize(1);
        assertThat(call.state()).isEqualTo(ProviderCall.State.ENDED);
    }

    @Test
    void anInboundCallCanGoToAGivenAddressWithoutRegistration() throws Exception {
        ProviderCall call = provider.placeCall(InboundCall.to("5550100", CallerId.national("5550123")).via("sip2").at(site.address()));

        assertThat(get(call.answer().toCompletableFuture()).status()).isEqualTo(200);
        assertThat(site.requests("INVITE").get(0).source().remote()).isEqualTo(provider.target("sip2").sipAddress());
    }

    @Test
    void anInboundCallWithoutBindingOrDestinationIsRefusedWithAReason() {
        assertThatThrownBy(() -> provider.placeCall(InboundCall.to("5550100", CallerId.anonymous())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not registered");
    }

    @Test
    void theReflectorAnswersTheGatewaysQualityProbesOnly() throws Exception {
        ProviderTarget target = provider.target("sip1");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.51", 0))) {
            socket.setSoTimeout(2000);
            io.netty.buffer.ByteBuf encoded = dev.lifeline.gateway.path.ProbePacket.encode(
                    io.netty.buffer.UnpooledByteBufAllocator.DEFAULT,
                    new dev.lifeline.gateway.path.ProbePacket.Probe(42, 0));
            byte[] probe = new byte[encoded.readableBytes()];
            encoded.readBytes(probe);
            encoded.release();
            socket.send(new DatagramPacket(new byte[12], 12, target.reflectorAddress()));        // too short to answer
            socket.send(new DatagramPacket(probe, probe.length, target.reflectorAddress()));

            DatagramPacket echo = new DatagramPacket(new byte[512], 512);
            socket.receive(echo);

            assertThat(echo.getLength()).isEqualTo(probe.length);
            assertThat(dev.lifeline.gateway.path.ProbePacket.decodeReflected(
                    io.netty.buffer.Unpooled.wrappedBuffer(echo.getData(), 0, echo.getLength())))
                    .hasValueSatisfying(p -> assertThat(p.seq()).isEqualTo(42));
            assertThat(target.probesEchoed()).isEqualTo(1);
            await().atMost(WAIT).until(() -> target.probesIgnored() == 1);
        }
    }
}
