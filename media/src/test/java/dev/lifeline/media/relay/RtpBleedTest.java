package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.media.rtp.RtcpCodec;
import dev.lifeline.media.rtp.RtcpPacket;
import dev.lifeline.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "RTP bleed" attack over real sockets: a host on 127.0.0.77, which neither the call's SDP
 * nor its signalling named, sprays every port of the relay's range with RTP and RTCP before
 * and during a call, and tries to take over a leg that went quiet. It must hear nothing and
 * nobody may hear it. The phone and the trunk are on 127.0.0.1; the relay's clock is a fake one,
 * so "quiet for ten seconds" takes no time.
 */
class RtpBleedTest {

    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final InetAddress ATTACKER = address("127.0.0.77");
    private static final long ATTACKER_SSRC = 0x0BADBADL;
    private static final byte[] SPEECH = "speech".getBytes();

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-06T09:00:00Z"));
    private final PortRange range = randomRange(8);
    private NettyMediaRelay relay;
    private RelaySession session;
    private FakeEndpoint phone;
    private FakeEndpoint trunk;
    private DatagramSocket attacker;
    private int attackerSeq;

    @BeforeEach
    void start() throws IOException {
        relay = new NettyMediaRelay(RelayConfig.defaults(range), clock, new ManualScheduler());
        session = relay.open("call-1", LOOPBACK, LOOPBACK, QualityListener.NONE);
        phone = new FakeEndpoint(0xA0A0A0A0L);
        trunk = new FakeEndpoint(0xB0B0B0B0L);
        attacker = new DatagramSocket(new InetSocketAddress(ATTACKER, 0));
    }

    @AfterEach
    void stop() {
        session.close();
        relay.close();
        phone.close();
        trunk.close();
        attacker.close();
    }

    /** What the B2BUA tells the relay once both SDPs are in: each side's SDP and signalling address. */
    private void signalled() {
        session.updateRemote(Leg.A, phone.announced());
        session.signalledFrom(Leg.A, Set.of(LOOPBACK));
        session.updateRemote(Leg.B, trunk.announced());
        session.signalledFrom(Leg.B, Set.of(LOOPBACK));
    }

    @Test
    void sprayingThePortRangeBeforeAndDuringACallNeitherHearsNorInjectsAudio() {
        // Before any SDP: the ports are bound and announced nowhere yet, the moment a relay that
        // latches the first packet from anyone gives the call away.
        spray(3);
        awaitHandled(Leg.A, 3 * 4);
        awaitHandled(Leg.B, 3 * 4);
        signalled();

        for (int i = 0; i < 10; i++) {
            phone.sendRtp(session.local(Leg.A).rtp(), 100 + i, 160L * i, SPEECH);
            trunk.sendRtp(session.local(Leg.B).rtp(), 500 + i, 160L * i, SPEECH);
            spray(1);
        }
        awaitHandled(Leg.A, 3 * 4 + 10 + 10 * 4);
        awaitHandled(Leg.B, 3 * 4 + 10 + 10 * 4);

        assertThat(ssrcsArriving(trunk.rtp)).as("what the trunk heard").hasSize(10).containsOnly(phone.ssrc);
        assertThat(ssrcsArriving(phone.rtp)).as("what the phone heard").hasSize(10).containsOnly(trunk.ssrc);
        assertThat(ssrcsArriving(attacker)).as("what the attacker heard").isEmpty();
        assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(phone.rtp));
        assertThat(session.latchedSource(Leg.B)).contains(FakeEndpoint.address(trunk.rtp));
        assertThat(session.counts(Leg.A).dropped(DropReason.UNEXPECTED_ADDRESS)).isPositive();
        assertThat(session.counts(Leg.B).dropped(DropReason.UNEXPECTED_ADDRESS)).isPositive();
    }

    @Test
    void aLegThatWentQuietCannotBeTakenOver() {
        signalled();
        for (int i = 0; i < 3; i++) {
            phone.sendRtp(session.local(Leg.A).rtp(), i, 160L * i, SPEECH);
        }
        trunk.sendRtp(session.local(Leg.B).rtp(), 0, 0, SPEECH);
        assertThat(ssrcsArriving(trunk.rtp)).hasSize(3);
        assertThat(ssrcsArriving(phone.rtp)).hasSize(1);

        // The caller mutes (VAD without comfort noise): nothing from it for ten seconds.
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            sendRtp(attacker, session.local(Leg.A).rtp(), 7_000 + i, 1_000L + 160L * i, ATTACKER_SSRC);
            sendRtcp(attacker, session.local(Leg.A).rtcp(), ATTACKER_SSRC);
        }
        awaitHandled(Leg.A, 3 + 100);
        for (int i = 1; i <= 3; i++) {
            trunk.sendRtp(session.local(Leg.B).rtp(), i, 160L * i, SPEECH);
        }
        awaitHandled(Leg.B, 4);

        assertThat(ssrcsArriving(phone.rtp)).as("the phone still hears the trunk").hasSize(3).containsOnly(trunk.ssrc);
        assertThat(ssrcsArriving(trunk.rtp)).as("the attacker's audio reached the trunk").isEmpty();
        assertThat(ssrcsArriving(attacker)).as("the attacker heard the trunk").isEmpty();
        assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(phone.rtp));
        assertThat(session.counts(Leg.A).dropped(DropReason.UNEXPECTED_ADDRESS)).isEqualTo(100);
    }

    @Test
    void aPhoneBehindNatLatchesFromItsSignallingAddressWhileItsSdpNamesAPrivateOne() throws Exception {
        // The SDP names the phone's private address; its SIP and RTP come from the NAT's public one.
        session.updateRemote(Leg.A, new RemoteMedia(new InetSocketAddress(address("192.168.1.20"), 4000), Optional.empty()));
        session.signalledFrom(Leg.A, Set.of(LOOPBACK));
        session.updateRemote(Leg.B, trunk.announced());
        session.signalledFrom(Leg.B, Set.of(LOOPBACK));

        sendRtp(attacker, session.local(Leg.A).rtp(), 1, 160, ATTACKER_SSRC);
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, SPEECH);
        assertThat(ssrcsArriving(trunk.rtp)).containsExactly(phone.ssrc);
        trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, SPEECH);

        assertThat(ssrcsArriving(phone.rtp)).containsExactly(trunk.ssrc);
        assertThat(session.counts(Leg.A).dropped(DropReason.UNEXPECTED_ADDRESS)).isEqualTo(1);
        assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(phone.rtp));
    }

    @Test
    void aPhoneThatRestartedIsHeardAgainFromItsAddressAfterTheSilence() throws Exception {
        signalled();
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, SPEECH);
        assertThat(ssrcsArriving(trunk.rtp)).hasSize(1);

        clock.advance(Duration.ofSeconds(3));
        try (DatagramSocket restarted = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 8; i++) {
                sendRtp(restarted, session.local(Leg.A).rtp(), 9_000 + i, 160L * i, 0xC0FFEEL);
            }
            awaitHandled(Leg.A, 9);

            // Five consistent packets (LatchPolicy.DEFAULT) qualify it; the fifth and later pass.
            assertThat(ssrcsArriving(trunk.rtp)).hasSize(4).containsOnly(0xC0FFEEL);
            assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(restarted));
        }
    }

    // ---- the attacker ----------------------------------------------------------------------

    /** Every port of the relay's range, RTP and RTCP ports alike, gets one RTP and one RTCP packet per sweep. */
    private void spray(int sweeps) {
        for (int s = 0; s < sweeps; s++) {
            for (int port = range.first(); port <= range.last(); port++) {
                InetSocketAddress to = new InetSocketAddress(LOOPBACK, port);
                sendRtp(attacker, to, attackerSeq, 160L * attackerSeq, ATTACKER_SSRC);
                attackerSeq++;
                sendRtcp(attacker, to, ATTACKER_SSRC);
            }
        }
    }

    private static void sendRtp(DatagramSocket from, InetSocketAddress to, int seq, long timestamp, long ssrc) {
        FakeEndpoint.sendRtp(from, to, seq & 0xFFFF, timestamp, ssrc, "injected".getBytes());
    }

    private static void sendRtcp(DatagramSocket from, InetSocketAddress to, long ssrc) {
        ByteBuf buf = Unpooled.buffer();
        RtcpCodec.write(new RtcpPacket.ReceiverReport(ssrc, List.of()), buf);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        try {
            from.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- observing -------------------------------------------------------------------------

    /** Waits until the leg has dealt with {@code n} packets, forwarded or dropped for whatever reason. */
    private void awaitHandled(Leg leg, long n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            LegCounts c = session.counts(leg);
            long drops = c.drops().values().stream().mapToLong(Long::longValue).sum();
            return c.rtpForwarded() + c.rtcpForwarded() + drops >= n;
        });
    }

    /** The SSRCs of the RTP packets that reach {@code socket} until it has been quiet for 300 ms. */
    private static List<Long> ssrcsArriving(DatagramSocket socket) {
        List<Long> ssrcs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Optional<DatagramPacket> p = FakeEndpoint.receive(socket, 300);
            if (p.isEmpty()) {
                break;
            }
            ByteBuf buf = Unpooled.wrappedBuffer(p.get().getData(), p.get().getOffset(), p.get().getLength());
            ssrcs.add(RtpPacket.isRtcp(buf) ? -1L : RtpPacket.ssrc(buf));
        }
        return ssrcs;
    }

    private static PortRange randomRange(int pairs) {
        // Below Linux's ephemeral ports (32768 and up), so no endpoint's socket is in the sprayed range.
        int first = 26_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        return new PortRange(first, first + 2 * pairs - 1);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
