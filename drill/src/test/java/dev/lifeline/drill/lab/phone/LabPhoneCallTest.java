package dev.lifeline.drill.lab.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.lab.phone.CallResult.Direction;
import dev.lifeline.drill.lab.phone.CallResult.EndedBy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two lab phones calling each other directly over loopback, audio both ways through their jitter buffers. */
class LabPhoneCallTest {

    private static final long WAIT_S = 10;

    private PhoneRuntime runtime;
    private LabPhone alice;
    private LabPhone bob;

    @BeforeEach
    void start() throws Exception {
        runtime = PhoneRuntime.start();
        alice = LabPhone.start(PhoneSettings.of("1001", "a", "127.0.0.41").withSipTimers(LabPhoneRegistrationTest.FAST), runtime);
        bob = LabPhone.start(PhoneSettings.of("1002", "b", "127.0.0.42").withSipTimers(LabPhoneRegistrationTest.FAST)
                .withAnswering(true, Duration.ofMillis(200)), runtime);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        runtime.close();
    }

    @Test
    void aDirectCallCarriesCleanAudioBothWays() throws Exception {
        PhoneCall call = alice.call("1002", bob.sipAddress());

        assertThat(call.answered().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(2000);
        CallResult caller = call.hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> !bob.results().isEmpty());
        CallResult callee = bob.results().get(0);

        assertThat(caller.direction()).isEqualTo(Direction.OUTGOING);
        assertThat(caller.answered()).isTrue();
        assertThat(caller.finalStatus()).isEqualTo(200);
        assertThat(caller.endedBy()).isEqualTo(EndedBy.LOCAL);
        // Ring delay 200 ms plus a little: generous bounds for a busy machine.
        assertThat(caller.setupTime()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(190), Duration.ofSeconds(3)));
        assertThat(callee.direction()).isEqualTo(Direction.INCOMING);
        assertThat(callee.endedBy()).isEqualTo(EndedBy.REMOTE);
        assertThat(callee.callId()).isEqualTo(caller.callId());
        for (CallResult r : new CallResult[] {caller, callee}) {
            assertThat(r.packetsSent()).as("%s sent", r.direction()).isGreaterThan(50);
            assertThat(r.quality()).as("%s quality", r.direction()).isPresent();
            var q = r.quality().orElseThrow();
            assertThat(q.playout().received()).as("%s received", r.direction()).isGreaterThan(50);
            assertThat(q.effectiveLossPercent()).as("%s loss: %s", r.direction(), q).isLessThan(2.0);
            assertThat(q.mos()).as("%s MOS: %s", r.direction(), q).isGreaterThan(4.2);
            assertThat(r.networkDelayMeasured()).isTrue();
            assertThat(q.networkDelay()).isLessThan(Duration.ofMillis(100));
            assertThat(q.mouthToEarDelay()).isLessThan(Duration.ofMillis(300));
            assertThat(q.audioGap()).as("%s gap: %s", r.direction(), q).isLessThan(Duration.ofMillis(500));
            assertThat(q.playout().timeline()).isNotEmpty();
        }
        assertThat(runtime.activeStreams()).isZero();
    }

    @Test
    void theCalleeCanHangUp() throws Exception {
        PhoneCall[] incoming = new PhoneCall[1];
        bob.onIncomingCall(c -> incoming[0] = c);
        PhoneCall call = alice.call("1002", bob.sipAddress());
        assertThat(call.answered().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);

        CallResult callee = incoming[0].hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        CallResult caller = call.ended().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);

        assertThat(callee.endedBy()).isEqualTo(EndedBy.LOCAL);
        assertThat(caller.endedBy()).isEqualTo(EndedBy.REMOTE);
        assertThat(caller.answered()).isTrue();
    }

    @Test
    void aCallNobodyAnswersCanBeCancelled() throws Exception {
        LabPhone silent = LabPhone.start(PhoneSettings.of("1003", "c", "127.0.0.43")
                .withSipTimers(LabPhoneRegistrationTest.FAST).withAnswering(false, Duration.ZERO), runtime);
        try {
            PhoneCall call = alice.call("1003", silent.sipAddress());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> !silent.activeCalls().isEmpty());
            Thread.sleep(200);

            CallResult r = call.hangUp().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);

            assertThat(r.answered()).isFalse();
            assertThat(r.finalStatus()).isEqualTo(487);
            assertThat(r.endedBy()).isEqualTo(EndedBy.NOT_ANSWERED);
            assertThat(r.quality()).isEmpty();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> !silent.results().isEmpty());
            assertThat(silent.results().get(0).finalStatus()).isEqualTo(487);
        } finally {
            silent.close();
        }
    }

    @Test
    void aCallToNobodyFailsWithATimeout() throws Exception {
        java.net.InetSocketAddress nowhere;
        try (java.net.DatagramSocket hole = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.44"))) {
            nowhere = (java.net.InetSocketAddress) hole.getLocalSocketAddress();
            PhoneCall call = alice.call("1999", nowhere);

            CallResult r = call.ended().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);

            assertThat(r.answered()).isFalse();
            assertThat(r.finalStatus()).isZero();
            assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).contains("no answer"));
        }
    }
}
