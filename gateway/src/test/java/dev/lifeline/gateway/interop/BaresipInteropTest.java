package dev.lifeline.gateway.interop;

import dev.lifeline.sip.Programs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.events.Event;
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
 * Interop with Debian's baresip as a phone on the gateway: it registers as extension 1002 with
 * digest, auto-answers a call from 1001 (a Lifeline test UA), and audio flows both ways through
 * the gateway's relay — baresip's WAV tone reaches the UA, the UA's tone reaches baresip's
 * decoder (dumped to a WAV file and checked for sound). And the other way round: baresip dials
 * 1001 (a command on its stdin), answering the gateway's 407 itself.
 */
@ExtendWith(BaresipInteropTest.PrintLogOnFailure.class)
class BaresipInteropTest {

    private static final Duration SETUP = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Path binary;
    private Gateway gateway;
    private Baresip baresip;

    @BeforeEach
    void start() throws Exception {
        binary = Programs.require("baresip", "baresip-core");
        gateway = closing(Gateway.start(InteropSite.config(dir.resolve("gateway"), Optional.empty())));
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

    private void startBaresipAs1002() throws Exception {
        Path tone = dir.resolve("tone.wav");
        Wav.writeTone(tone, 20);
        baresip = closing(Baresip.start(binary, dir, "1002", "pw1002", InteropSite.udp(gateway), tone));
        await("baresip registered as 1002").atMost(SETUP).pollInterval(Duration.ofMillis(100))
                .failFast("baresip exited", () -> !baresip.isAlive())
                .until(() -> InteropSite.events(gateway, Event.BindingSaved.class).stream().anyMatch(b -> b.aor().equals("1002")));
    }

    @Test
    void baresipRegistersAndAnswersACallWithAudioBothWays() throws Exception {
        startBaresipAs1002();
        InteropAgent phone = closing(new InteropAgent("1001", "pw1001"));
        InetSocketAddress gw = InteropSite.udp(gateway);
        assertThat(phone.register(gw, InteropSite.REALM, 300).status()).isEqualTo(200);

        InteropAgent.Call call = phone.call("1002", gw, InteropSite.REALM);

        assertThat(call.response.status()).as("baresip auto-answers: %s", call.response.startLine()).isEqualTo(200);
        phone.sendTone(InteropAgent.mediaTarget(call.response), 50);
        await("baresip's audio at the phone").atMost(Duration.ofSeconds(5))
                .until(() -> phone.rtpReceived() >= 40 && phone.loudSamplesReceived() > 0);
        assertThat(call.bye().status()).isEqualTo(200);

        await("CallEnded").atMost(SETUP).until(() -> !InteropSite.events(gateway, Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = InteropSite.events(gateway, Event.CallEnded.class).getFirst();
        assertThat(ended.route()).isEqualTo("internal");
        assertThat(ended.fromCallerPackets()).as("the phone's RTP through the relay").isGreaterThanOrEqualTo(40);
        assertThat(ended.fromCalleePackets()).as("baresip's RTP through the relay").isGreaterThanOrEqualTo(40);
        assertThat(ended.fromCallerLossPercent()).isLessThan(5);
        assertThat(ended.fromCalleeLossPercent()).isLessThan(5);
        // What baresip decoded from the phone's RTP is the tone, not silence.
        await("baresip's recording").atMost(SETUP).until(() -> baresip.heard().isPresent());
        assertThat(Wav.loudSamples(baresip.heard().orElseThrow())).as("loud samples baresip heard").isGreaterThan(1000);
    }

    @Test
    void baresipDialsAnExtensionWithAudioBothWays() throws Exception {
        InteropAgent phone = closing(new InteropAgent("1001", "pw1001"));
        InetSocketAddress gw = InteropSite.udp(gateway);
        assertThat(phone.register(gw, InteropSite.REALM, 300).status()).isEqualTo(200);
        startBaresipAs1002();

        baresip.command("/dial 1001");

        await("baresip's call answered by 1001").atMost(SETUP).failFast("baresip exited", () -> !baresip.isAlive())
                .until(() -> phone.answeredInvite != null);
        InetSocketAddress towardBaresip = InteropAgent.mediaTarget(phone.answeredInvite.request());
        await("the gateway relays the ACK").atMost(SETUP).until(() -> !phone.requests("ACK").isEmpty());
        phone.sendTone(towardBaresip, 50);
        await("baresip's audio at the phone").atMost(Duration.ofSeconds(5))
                .until(() -> phone.rtpReceived() >= 40 && phone.loudSamplesReceived() > 0);
        assertThat(phone.hangUp().status()).isEqualTo(200);

        await("CallEnded").atMost(SETUP).until(() -> !InteropSite.events(gateway, Event.CallEnded.class).isEmpty());
        Event.CallEnded ended = InteropSite.events(gateway, Event.CallEnded.class).getFirst();
        assertThat(ended.from()).isEqualTo("1002");
        assertThat(ended.endedBy()).isEqualTo(Event.Hangup.CALLEE);
        assertThat(ended.fromCallerPackets()).as("baresip's RTP through the relay").isGreaterThanOrEqualTo(40);
        assertThat(ended.fromCalleePackets()).as("the phone's RTP through the relay").isGreaterThanOrEqualTo(40);
        await("baresip's recording").atMost(SETUP).until(() -> baresip.heard().isPresent());
        assertThat(Wav.loudSamples(baresip.heard().orElseThrow())).as("loud samples baresip heard").isGreaterThan(1000);
    }

    /** Prints baresip's log tail when a test fails (before @AfterEach stops it). */
    static final class PrintLogOnFailure implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
            context.getTestInstance().map(BaresipInteropTest.class::cast).map(t -> t.baresip)
                    .ifPresent(b -> System.err.println(b.tail(80)));
            throw cause;
        }
    }
}
