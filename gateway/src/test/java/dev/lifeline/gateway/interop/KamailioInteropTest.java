package dev.lifeline.gateway.interop;

import dev.lifeline.sip.Programs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.routing.TrunkSummary;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with Debian's Kamailio as the provider: the gateway's trunk registers to it with
 * digest (401, qop=auth), and an outbound call from a phone on the gateway goes out through
 * it — challenged with 407, record-routed — to a far-end phone registered there, with audio
 * both ways through the gateway's relay, and ends with a BYE along the recorded route. And the
 * other way: the far end calls the site's DID through Kamailio.
 */
@ExtendWith(KamailioInteropTest.PrintLogOnFailure.class)
class KamailioInteropTest {

    private static final String CALLEE = "+15551234567";
    private static final Duration SETUP = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Kamailio kamailio;
    private Gateway gateway;

    @BeforeEach
    void startKamailio() throws Exception {
        Path binary = Programs.require("kamailio", "kamailio");
        kamailio = closing(Kamailio.start(binary, dir));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    @Test
    void trunkRegistersToKamailioAndAnOutboundCallReachesTheCalleeWithAudioBothWays() throws Exception {
        InteropAgent callee = closing(new InteropAgent(CALLEE, "calleepw"));
        assertThat(callee.register(kamailio.address(), "127.0.0.1", 300).status()).as("callee REGISTER at kamailio")
                .isEqualTo(200);

        gateway = closing(Gateway.start(InteropSite.config(dir.resolve("gateway"), Optional.of(kamailio.hostPort()))));
        await("trunk registered at kamailio").atMost(SETUP).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.trunks().summaries().stream().map(TrunkSummary::state).toList(),
                        states -> states.equals(List.of("registered")));
        assertThat(InteropSite.events(gateway, Event.TrunkStateChanged.class))
                .anySatisfy(e -> assertThat(e.state()).isEqualTo("registered"));
        assertThat(kamailio.log()).contains("REGISTER sip:127.0.0.1");

        InteropAgent phone = closing(new InteropAgent("1001", "pw1001"));
        InetSocketAddress gw = InteropSite.udp(gateway);
        assertThat(phone.register(gw, InteropSite.REALM, 300).status()).as("phone REGISTER at the gateway").isEqualTo(200);

        InteropAgent.Call call = phone.call("915551234567", gw, InteropSite.REALM);

        assertThat(call.response.status()).as("the phone's call: %s", call.response.startLine()).isEqualTo(200);
        assertThat(call.provisional).extracting(SipResponse::status).contains(180);
        // Kamailio challenged the gateway's INVITE and let the answer through.
        assertThat(kamailio.log()).contains("INVITE authenticated as site1");
        ServerRequest invite = callee.requests("INVITE").getFirst();
        assertThat(user(invite.request().requestUri().toString())).isEqualTo(CALLEE);
        // The dial plan's outbound presentation: the caller's DID in E.164.
        assertThat(user(invite.request().from().uri().toString())).isEqualTo("+15550100");
        assertThat(invite.request().recordRoutes()).as("Kamailio record-routed the INVITE").isNotEmpty();

        // Audio both ways through the gateway's relay.
        InetSocketAddress towardCallee = InteropAgent.mediaTarget(call.response);
        InetSocketAddress towardPhone = InteropAgent.mediaTarget(invite.request());
        Thread fromCallee = Thread.ofPlatform().start(() -> send(callee, towardPhone));
        phone.sendTone(towardCallee, 25);
        fromCallee.join(Duration.ofSeconds(5).toMillis());
        await("RTP both ways").atMost(Duration.ofSeconds(5))
                .until(() -> phone.rtpReceived() >= 20 && callee.rtpReceived() >= 20);
        assertThat(phone.loudSamplesReceived()).isPositive();
        assertThat(callee.loudSamplesReceived()).isPositive();

        // The ACK and the BYE follow Kamailio's Record-Route to the callee.
        await("ACK at the callee").atMost(SETUP).until(() -> !callee.requests("ACK").isEmpty());
        assertThat(call.bye().status()).isEqualTo(200);
        await("BYE at the callee").atMost(SETUP).until(() -> !callee.requests("BYE").isEmpty());

        await("CallEnded").atMost(SETUP).until(() -> !InteropSite.events(gateway, Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = InteropSite.events(gateway, Event.CallEnded.class).getFirst();
        assertThat(ended.route()).isEqualTo("trunk provider");
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLER);
        assertThat(ended.fromCallerPackets()).isGreaterThanOrEqualTo(20);
        assertThat(ended.fromCalleePackets()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aCallToTheSitesDidComesInThroughKamailioAndEndsAlongItsRecordRoute() throws Exception {
        InteropAgent farEnd = closing(new InteropAgent(CALLEE, "calleepw"));
        gateway = closing(Gateway.start(InteropSite.config(dir.resolve("gateway"), Optional.of(kamailio.hostPort()))));
        await("trunk registered at kamailio").atMost(SETUP).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.trunks().summaries().stream().map(TrunkSummary::state).toList(),
                        states -> states.equals(List.of("registered")));
        InteropAgent phone = closing(new InteropAgent("1001", "pw1001"));
        assertThat(phone.register(InteropSite.udp(gateway), InteropSite.REALM, 300).status()).isEqualTo(200);

        InteropAgent.Call call = farEnd.call("+15550100", kamailio.address(), "127.0.0.1");

        assertThat(call.response.status()).as("the far end's call: %s", call.response.startLine()).isEqualTo(200);
        // The gateway's 200 kept Kamailio's Record-Route (RFC 3261 §12.1.1), so the far end's ACK
        // and BYE go through Kamailio, the only source the gateway accepts trunk requests from.
        assertThat(call.response.recordRoutes()).isNotEmpty();
        ServerRequest invite = phone.requests("INVITE").getFirst();
        assertThat(user(invite.request().from().uri().toString())).as("caller ID shown nationally").isEqualTo("15551234567");
        await("ACK at the phone").atMost(SETUP).until(() -> !phone.requests("ACK").isEmpty());

        InetSocketAddress towardPhone = InteropAgent.mediaTarget(call.response);
        InetSocketAddress towardFarEnd = InteropAgent.mediaTarget(invite.request());
        Thread fromPhone = Thread.ofPlatform().start(() -> send(phone, towardFarEnd));
        farEnd.sendTone(towardPhone, 25);
        fromPhone.join(Duration.ofSeconds(5).toMillis());
        await("RTP both ways").atMost(Duration.ofSeconds(5))
                .until(() -> phone.rtpReceived() >= 20 && farEnd.rtpReceived() >= 20);

        assertThat(call.bye().status()).isEqualTo(200);
        await("BYE at the phone").atMost(SETUP).until(() -> !phone.requests("BYE").isEmpty());
        await("CallEnded").atMost(SETUP).until(() -> !InteropSite.events(gateway, Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = InteropSite.events(gateway, Event.CallEnded.class).getFirst();
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLER);
        assertThat(ended.cause()).isEqualTo("caller hung up");
    }

    private static void send(InteropAgent agent, InetSocketAddress to) {
        try {
            agent.sendTone(to, 25);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user part of a SIP URI string. */
    static String user(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        return rest.substring(0, rest.indexOf('@'));
    }

    /**
     * Prints Kamailio's log tail when a test fails, so CI output shows what the provider saw.
     * An exception handler runs before @AfterEach stops Kamailio and the temp dir goes.
     */
    static final class PrintLogOnFailure implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
            context.getTestInstance().map(KamailioInteropTest.class::cast).map(t -> t.kamailio)
                    .ifPresent(k -> System.err.println(k.tail(80)));
            throw cause;
        }
    }
}
