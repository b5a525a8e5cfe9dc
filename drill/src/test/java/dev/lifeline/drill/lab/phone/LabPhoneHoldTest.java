package dev.lifeline.drill.lab.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two lab phones over loopback: one holds the call (re-INVITE a=sendonly, RFC 3264 §8.4) and the
 * other, answering recvonly, stops sending until the resume; one goes quiet and sends RFC 3389
 * comfort noise, which the other counts and does not rate as lost audio.
 */
class LabPhoneHoldTest {

    private static final long WAIT_S = 10;

    private PhoneRuntime runtime;
    private LabPhone alice;
    private LabPhone bob;

    @BeforeEach
    void start() throws Exception {
        runtime = PhoneRuntime.start();
        alice = LabPhone.start(PhoneSettings.of("1001", "a", "127.0.0.45").withSipTimers(LabPhoneRegistrationTest.FAST),
                runtime);
        bob = LabPhone.start(PhoneSettings.of("1002", "b", "127.0.0.46").withSipTimers(LabPhoneRegistrationTest.FAST)
                .withAnswering(true, Duration.ofMillis(100)), runtime);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        runtime.close();
    }

    @Test
    void aHeldFarEndStopsSendingAndTheAudioComesBackOnResume() throws Exception {
        PhoneCall call = alice.call("1002", bob.sipAddress());
        assertThat(call.answered().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);

        assertThat(call.hold().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).as("hold accepted").isTrue();
        Thread.sleep(1500);
        assertThat(call.resume().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).as("resume accepted").isTrue();
        Thread.sleep(1000);
        CallResult caller = call.hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> !bob.results().isEmpty());
        CallResult callee = bob.results().get(0);

        assertThat(caller.hold().holds()).isEqualTo(1);
        assertThat(caller.hold().resumes()).isEqualTo(1);
        // 1.5 s held: 75 frames if bob kept sending; only those already on the way may arrive.
        assertThat(caller.hold().heardWhileHeld()).as("%s", caller.hold()).isLessThan(5);
        assertThat(caller.hold().heardAfterResume()).as("%s", caller.hold()).isGreaterThan(25);
        // The holding phone went on sending (sendonly): bob heard it throughout.
        assertThat(callee.quality().orElseThrow().audioGap()).isLessThan(Duration.ofMillis(500));
        assertThat(callee.hold()).isEqualTo(CallResult.Hold.NONE);
    }

    @Test
    void aHoldOrResumeOfACallNotUpIsRefused() throws Exception {
        PhoneCall call = alice.call("1002", bob.sipAddress());
        assertThat(call.answered().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        call.hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);

        assertThat(call.hold().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isFalse();
        assertThat(call.resume().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aQuietPhoneSendsSparseComfortNoiseThatIsNoLoss() throws Exception {
        PhoneCall call = alice.call("1002", bob.sipAddress());
        assertThat(call.answered().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);

        call.quiet(true);
        Thread.sleep(2000);
        call.quiet(false);
        Thread.sleep(500);
        CallResult caller = call.hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> !bob.results().isEmpty());
        CallResult callee = bob.results().get(0);

        // 2 s quiet at one SID packet every 500 ms: about 4 (100 speech frames would have gone instead).
        assertThat(callee.comfortNoiseReceived()).isBetween(3L, 6L);
        assertThat(caller.packetsSent()).as("speech frames: 0.8 s of the call's 2.8 s").isLessThan(80);
        assertThat(callee.quality().orElseThrow().playout().lost()).as("the quiet stretch is no loss").isLessThan(3);
    }
}
