package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.message.SipResponse;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on a call's media through the B2BUA over real sockets: a host on 127.0.0.77, which
 * no SIP or SDP of the call named, aims RTP at the relay's ports; and offers whose c= address
 * would make the B2BUA's thread wait for DNS.
 */
class B2buaMediaSecurityTest extends B2buaSocketTest {

    private static final long ATTACKER_SSRC = 0x0BADBADL;


    @BeforeEach
    void start() throws Exception {
        gw = closing(new GatewayHarness(RoutingConfigs.site()));
    }

    @AfterEach
    void resetResolver() {
        RecordingResolverProvider.reset();
    }

    @Test
    void anAttackerAimingAtTheRelaysPortsNeitherHearsNorInjectsAudio() throws Exception {
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002").onInvite(TestAgent::ring);
        DatagramSocket attacker = closing(new DatagramSocket(new InetSocketAddress("127.0.0.77", 0)));
        attacker.setSoTimeout(50);
        AtomicInteger attackerHeard = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread.ofVirtual().start(() -> listen(attacker, attackerHeard));

        TestAgent.OutgoingCall call = alice.call("1002", gw.address());
        await().atMost(TestAgent.WAIT).until(() -> bob.methods().contains("INVITE"));
        InetSocketAddress relayForBob = TestAgent.mediaTarget(bob.requests("INVITE").getFirst().request());
        // While bob rings, before anyone sends media: the moment a relay that latches the first
        // packet from anyone gives the leg away.
        for (int i = 0; i < 20; i++) {
            send(attacker, relayForBob, i);
            send(attacker, plusOne(relayForBob), i);
        }
        bob.answerNow();
        SipResponse ok = call.answeredAndAcked();
        InetSocketAddress relayForAlice = TestAgent.mediaTarget(ok);

        // During the call: the attacker keeps aiming at both legs' RTP and RTCP ports.
        Thread spraying = Thread.ofVirtual().start(() -> {
            for (int i = 20; i < 1_000 && !stop.get(); i++) {
                for (InetSocketAddress to : List.of(relayForAlice, plusOne(relayForAlice), relayForBob, plusOne(relayForBob))) {
                    send(attacker, to, i);
                }
                pause(5);
            }
        });
        alice.sendRtp(relayForAlice, 25);
        bob.sendRtp(relayForBob, 25);
        await().atMost(TestAgent.WAIT).until(() -> alice.rtpReceived() >= 25 && bob.rtpReceived() >= 25);
        stop.set(true);
        spraying.join(Duration.ofSeconds(5));

        await().during(Duration.ofMillis(300)).atMost(TestAgent.WAIT)
                .until(() -> alice.rtpReceived() == 25 && bob.rtpReceived() == 25 && attackerHeard.get() == 0);
        call.bye();
    }

    @Test
    void anOfferWhoseAddressIsNoIpLiteralIsRefusedAtOnceWithoutAskingTheResolver() throws Exception {
        // A resolver outage: were either looked up, the B2BUA's thread would hang for 5 s.
        RecordingResolverProvider.stall("999.1.1.1", "some.name.invalid");
        TestAgent alice = phone("1001");
        TestAgent bob = phone("1002");

        for (String address : List.of("999.1.1.1", "some.name.invalid")) {
            long started = System.nanoTime();
            SipResponse refused = alice.call("1002", gw.address(), sdp(address, alice.rtpPort())).awaitFinal();

            assertThat(refused.status()).as(address).isEqualTo(488);
            assertThat(refused.headers().values("Warning")).singleElement().asString()
                    .contains("c= address '" + address + "' is not an IP4 address literal");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(RecordingResolverProvider.asked()).isEmpty();
        assertThat(bob.methods()).doesNotContain("INVITE");

        // The gateway keeps serving: the next call with a literal goes through.
        assertThat(alice.call("1002", gw.address()).answeredAndAcked().status()).isEqualTo(200);
    }

    private static byte[] sdp(String connectionAddress, int port) {
        return ("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 " + connectionAddress + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress plusOne(InetSocketAddress rtp) {
        return new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    private static void send(DatagramSocket from, InetSocketAddress to, int seq) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(160 * seq).putInt((int) ATTACKER_SSRC);
        try {
            from.send(new DatagramPacket(b.array(), b.capacity(), to));
        } catch (IOException e) {
            // the socket closed with the test
        }
    }

    /** Counts what reaches the attacker until its socket closes with the test (at most 30 s). */
    private static void listen(DatagramSocket socket, AtomicInteger heard) {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!socket.isClosed() && System.nanoTime() < deadline) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                heard.incrementAndGet();
            } catch (SocketTimeoutException e) {
                // keep listening
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
