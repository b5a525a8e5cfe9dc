package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import dev.lifeline.media.rtp.NtpTime;
import dev.lifeline.media.rtp.ReportBlock;
import dev.lifeline.media.rtp.RtcpPacket;
import dev.lifeline.media.rtp.RtpPacket;
import dev.lifeline.media.rtp.SenderInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two fake endpoints on 127.0.0.1 talking through a relay session. */
class NettyMediaRelayTest {

    private static final InetAddress LOOPBACK = loopback();
    private static final byte[] HELLO = "hello from A".getBytes();
    private static final byte[] REPLY = "reply from B".getBytes();

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<LegQuality> reports = new CopyOnWriteArrayList<>();
    private NettyMediaRelay relay;
    private RelaySession session;
    private FakeEndpoint phone;
    private FakeEndpoint trunk;

    @BeforeEach
    void start() {
        relay = new NettyMediaRelay(RelayConfig.defaults(randomRange(40)).withDrain(Duration.ofSeconds(2)),
                java.time.InstantSource.system(), scheduler);
        session = relay.open("call-1", LOOPBACK, LOOPBACK, reports::add);
        phone = new FakeEndpoint(0xA0A0A0A0L);
        trunk = new FakeEndpoint(0xB0B0B0B0L);
        session.updateRemote(Leg.A, phone.announced());
        session.updateRemote(Leg.B, trunk.announced());
    }

    @AfterEach
    void stop() {
        session.close();
        relay.close();
        phone.close();
        trunk.close();
    }

    @Test
    void rtpIsForwardedBothWaysWithPayloadsIntact() {
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
        DatagramPacket atTrunk = FakeEndpoint.receive(trunk.rtp).orElseThrow();
        trunk.sendRtp(session.local(Leg.B).rtp(), 7, 960, REPLY);
        DatagramPacket atPhone = FakeEndpoint.receive(phone.rtp).orElseThrow();

        assertThat(payload(atTrunk)).isEqualTo(HELLO);
        assertThat(ssrc(atTrunk)).isEqualTo(phone.ssrc);
        assertThat(atTrunk.getSocketAddress()).isEqualTo(session.local(Leg.B).rtp());
        assertThat(payload(atPhone)).isEqualTo(REPLY);
        assertThat(atPhone.getSocketAddress()).isEqualTo(session.local(Leg.A).rtp());
        assertThat(session.counts(Leg.A).rtpForwarded()).isEqualTo(1);
        assertThat(session.counts(Leg.B).rtpForwarded()).isEqualTo(1);
    }

    @Test
    void latchesToTheSourceBehindNatNotTheAnnouncedPort() throws Exception {
        try (DatagramSocket natMapping = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            natMapping.setSoTimeout(2_000);
            // SDP says phone.rtp, the phone's packets arrive from another port, as through a NAT.
            FakeEndpoint.sendRtp(natMapping, session.local(Leg.A).rtp(), 1, 160, phone.ssrc, HELLO);
            FakeEndpoint.receive(trunk.rtp).orElseThrow();
            trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, REPLY);

            assertThat(payload(FakeEndpoint.receive(natMapping).orElseThrow())).isEqualTo(REPLY);
            assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(natMapping));
            assertThat(FakeEndpoint.receive(phone.rtp, 200)).isEmpty();
        }
    }

    @Test
    void aSpoofedSourceAfterLatchingIsDroppedAndNotLatched() throws Exception {
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
        FakeEndpoint.receive(trunk.rtp).orElseThrow();
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 50; i++) {
                FakeEndpoint.sendRtp(attacker, session.local(Leg.A).rtp(), 100 + i, 16_000 + 160L * i, 0x0BADBADL, "spoof".getBytes());
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> session.counts(Leg.A).dropped(DropReason.UNEXPECTED_SOURCE) == 50);
        }
        phone.sendRtp(session.local(Leg.A).rtp(), 2, 320, HELLO);

        assertThat(payload(FakeEndpoint.receive(trunk.rtp).orElseThrow())).isEqualTo(HELLO);
        assertThat(session.latchedSource(Leg.A)).contains(FakeEndpoint.address(phone.rtp));
        assertThat(session.counts(Leg.A).rtpForwarded()).isEqualTo(2);
    }

    @Test
    void rtcpPassesThroughOnThePlusOnePortsAndGivesTheRoundTrip() {
        assertThat(session.local(Leg.A).rtcp().getPort()).isEqualTo(session.local(Leg.A).rtp().getPort() + 1);
        long ntp = NtpTime.fromInstant(Instant.now());
        phone.sendRtcp(session.local(Leg.A).rtcp(),
                new RtcpPacket.SenderReport(phone.ssrc, new SenderInfo(ntp, 1600, 10, 1600), List.of()));
        DatagramPacket sr = FakeEndpoint.receive(trunk.rtcp).orElseThrow();
        assertThat(sr.getData()[1] & 0xFF).isEqualTo(RtcpPacket.SR);
        assertThat(sr.getSocketAddress()).isEqualTo(session.local(Leg.B).rtcp());

        ReportBlock block = new ReportBlock(phone.ssrc, 0, 0, 10, 3, NtpTime.toShort(ntp), 0);
        trunk.sendRtcp(session.local(Leg.B).rtcp(), new RtcpPacket.ReceiverReport(trunk.ssrc, List.of(block)));
        DatagramPacket rr = FakeEndpoint.receive(phone.rtcp).orElseThrow();

        assertThat(rr.getData()[1] & 0xFF).isEqualTo(RtcpPacket.RR);
        assertThat(session.counts(Leg.A).rtcpForwarded()).isEqualTo(1);
        assertThat(session.counts(Leg.B).rtcpForwarded()).isEqualTo(1);
        assertThat(session.quality(Leg.B).rtt()).get()
                .satisfies(rtt -> assertThat(rtt).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(session.quality(Leg.A).rtt()).isEmpty();
    }

    @Test
    void malformedPacketsAreDroppedAndCounted() {
        send(phone.rtp, session.local(Leg.A).rtp(), new byte[] {0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1});
        send(phone.rtcp, session.local(Leg.A).rtcp(), new byte[] {(byte) 0x81, (byte) 200, 0, 40});

        await().atMost(Duration.ofSeconds(5)).until(() -> session.counts(Leg.A).dropped(DropReason.MALFORMED_RTP) == 1
                && session.counts(Leg.A).dropped(DropReason.MALFORMED_RTCP) == 1);
        assertThat(session.counts(Leg.A).rtpForwarded()).isZero();
    }

    @Test
    void moveLegMidStreamContinuesOnTheNewPortAndTheOldOneDrains() {
        int before = relay.pairsInUse(LOOPBACK);
        trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, REPLY);
        FakeEndpoint.receive(phone.rtp).orElseThrow();
        InetSocketAddress oldPort = session.local(Leg.B).rtp();

        LegAddress moved = session.moveLeg(Leg.B, LOOPBACK);

        assertThat(moved.rtp()).isNotEqualTo(oldPort);
        assertThat(session.local(Leg.B)).isEqualTo(moved);
        // A packet still in flight to the old port gets through during the drain ...
        trunk.sendRtp(oldPort, 2, 320, REPLY);
        assertThat(payload(FakeEndpoint.receive(phone.rtp).orElseThrow())).isEqualTo(REPLY);
        // ... and after the re-INVITE the stream continues on the new one, both ways.
        trunk.sendRtp(moved.rtp(), 3, 480, REPLY);
        assertThat(payload(FakeEndpoint.receive(phone.rtp).orElseThrow())).isEqualTo(REPLY);
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
        DatagramPacket atTrunk = FakeEndpoint.receive(trunk.rtp).orElseThrow();
        assertThat(atTrunk.getSocketAddress()).isEqualTo(moved.rtp());
        assertThat(relay.pairsInUse(LOOPBACK)).isEqualTo(before + 1);

        scheduler.runDue();

        await().atMost(Duration.ofSeconds(5)).until(() -> relay.pairsInUse(LOOPBACK) == before);
        // Three packets from the trunk, old port and new; RFC 3550 A.1 counts from the second
        // (the first validates the source).
        assertThat(session.quality(Leg.B).packets()).isEqualTo(2);
    }

    @Test
    void aLatePacketOnTheOldPortAfterTheMoveDoesNotStealTheLatchFromTheNewPath() {
        // The provider reached us through path 1's NAT (trunk); after the move its answer to the
        // re-INVITE announces the address it has on path 2 (trunkViaPath2).
        trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, REPLY);
        FakeEndpoint.receive(phone.rtp).orElseThrow();
        InetSocketAddress oldPort = session.local(Leg.B).rtp();
        try (FakeEndpoint trunkViaPath2 = new FakeEndpoint(0xB0B0B0B0L)) {
            LegAddress moved = session.moveLeg(Leg.B, LOOPBACK);
            session.updateRemote(Leg.B, trunkViaPath2.announced());

            // A packet delayed on path 1 arrives at the draining port after the answer: it is
            // still played to the phone ...
            trunk.sendRtp(oldPort, 2, 320, REPLY);
            assertThat(payload(FakeEndpoint.receive(phone.rtp).orElseThrow())).isEqualTo(REPLY);
            // ... but the phone's audio still goes to the new path, from the new port. Were the
            // old path latched again, a provider that waits for our media (echo, symmetric RTP)
            // would never send on path 2 and the call would stay silent.
            phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
            DatagramPacket atTrunk = FakeEndpoint.receive(trunkViaPath2.rtp).orElseThrow();
            assertThat(atTrunk.getSocketAddress()).isEqualTo(moved.rtp());
            assertThat(FakeEndpoint.receive(trunk.rtp, 200)).isEmpty();
            assertThat(session.latchedSource(Leg.B)).isEmpty();

            trunkViaPath2.sendRtp(moved.rtp(), 3, 480, REPLY);
            assertThat(payload(FakeEndpoint.receive(phone.rtp).orElseThrow())).isEqualTo(REPLY);
            assertThat(session.latchedSource(Leg.B)).contains(FakeEndpoint.address(trunkViaPath2.rtp));
        }
    }

    @Test
    void afterAMoveTheProviderIsHeardOverTheNewPathThoughItSpokeOnTheOldOneUntilTheMove() throws Exception {
        // Failover on a degraded path: the provider was talking right up to the move, then its
        // stream arrives over path 2, whose address its signalling now comes from.
        for (int i = 0; i < 3; i++) {
            trunk.sendRtp(session.local(Leg.B).rtp(), 1 + i, 160L * (1 + i), REPLY);
            FakeEndpoint.receive(phone.rtp).orElseThrow();
        }
        try (DatagramSocket viaPath2 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.32"), 0))) {
            LegAddress moved = session.moveLeg(Leg.B, LOOPBACK);
            session.signalledFrom(Leg.B, java.util.Set.of(InetAddress.getByName("127.0.0.32")));
            for (int i = 0; i < 5; i++) {
                FakeEndpoint.sendRtp(viaPath2, moved.rtp(), 10 + i, 1_600L + 160L * i, trunk.ssrc, REPLY);
            }

            // No two seconds of silence asked for: the old source sends to the draining pair now.
            assertThat(payload(FakeEndpoint.receive(phone.rtp).orElseThrow())).isEqualTo(REPLY);
            assertThat(session.latchedSource(Leg.B)).contains(FakeEndpoint.address(viaPath2));
        }
    }

    @Test
    void theDrainingPortTakesOnlyTheSourceItWasLatchedTo() throws Exception {
        trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, REPLY);
        FakeEndpoint.receive(phone.rtp).orElseThrow();
        InetSocketAddress oldPort = session.local(Leg.B).rtp();
        session.moveLeg(Leg.B, LOOPBACK);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            FakeEndpoint.sendRtp(stranger, oldPort, 9, 1_440, 0x0BADBADL, "spoof".getBytes());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> session.counts(Leg.B).dropped(DropReason.UNEXPECTED_SOURCE) == 1);
        }
        assertThat(FakeEndpoint.receive(phone.rtp, 200)).isEmpty();
    }

    @Test
    void activityShowsWhenTheEndpointLastSentAndWhetherItWasComfortNoise() {
        assertThat(session.activity(Leg.B)).isEqualTo(LegActivity.NONE);
        Instant before = Instant.now();
        trunk.sendRtp(session.local(Leg.B).rtp(), 1, 160, REPLY);
        FakeEndpoint.receive(phone.rtp).orElseThrow();

        LegActivity speaking = session.activity(Leg.B);
        assertThat(speaking.packets()).isEqualTo(1);
        assertThat(speaking.lastArrival()).get().satisfies(t -> assertThat(t).isAfterOrEqualTo(before.minusMillis(5)));
        assertThat(speaking.comfortNoise()).isFalse();
        assertThat(session.activity(Leg.A)).isEqualTo(LegActivity.NONE);

        // RFC 3389 comfort noise, payload type 13: the far end went quiet on purpose.
        io.netty.buffer.ByteBuf cn = Unpooled.buffer();
        RtpPacket.writeHeader(cn, false, 13, 2, 320, trunk.ssrc);
        cn.writeByte(40);
        send(trunk.rtp, session.local(Leg.B).rtp(), io.netty.buffer.ByteBufUtil.getBytes(cn));
        FakeEndpoint.receive(phone.rtp).orElseThrow();
        assertThat(session.activity(Leg.B).comfortNoise()).isTrue();
        assertThat(session.activity(Leg.B).packets()).isEqualTo(2);

        // Moved to another path: nothing delivered there yet, though the last arrival is kept.
        session.moveLeg(Leg.B, LOOPBACK);
        assertThat(session.activity(Leg.B).packets()).isZero();
        assertThat(session.activity(Leg.B).lastArrival()).isPresent();
    }

    @Test
    void socketsAreMarkedExpeditedForwarding() {
        NettyRelaySession netty = (NettyRelaySession) session;

        for (Leg leg : Leg.values()) {
            for (Kind kind : Kind.values()) {
                assertThat(netty.channel(leg, kind).config().getOption(ChannelOption.IP_TOS)).isEqualTo(0xB8);
            }
        }
    }

    @Test
    void inducedLossOfEveryTenthPacketShowsAsTenPercentWithTheMatchingRating() {
        long nextSend = System.nanoTime();
        for (int seq = 0; seq < 500; seq++) {
            if (seq % 10 != 9) {
                phone.sendRtp(session.local(Leg.A).rtp(), seq, 16L * seq, HELLO);
            }
            // 2 ms apart with timestamps to match (16 units at 8 kHz), so jitter stays small.
            nextSend += 2_000_000;
            LockSupport.parkNanos(Math.max(0, nextSend - System.nanoTime()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> session.counts(Leg.A).rtpForwarded() == 450);

        LegQuality q = session.quality(Leg.A);

        // RFC 3550 A.1 counts from the packet that validated the source (seq 1) to the highest
        // received (498): 498 expected, 449 of them received.
        assertThat(q.expected()).isEqualTo(498);
        assertThat(q.packets()).isEqualTo(449);
        assertThat(q.lossPercent()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.3));
        double lossOnly = EModel.rFactor(dev.lifeline.media.quality.EModelInput.defaults()
                .withCodec(CodecImpairment.G711_PLC).withPacketLoss(q.lossPercent(), 1));
        assertThat(q.r()).isCloseTo(lossOnly, org.assertj.core.data.Offset.offset(2.0)).isLessThan(lossOnly + 0.5);
        assertThat(q.mos()).isCloseTo(EModel.expectedMos(CodecImpairment.G711_PLC, 10), org.assertj.core.data.Offset.offset(0.1));
        assertThat(q.mos()).isEqualTo(EModel.mos(q.r()));
    }

    @Test
    void qualityIsReportedEveryIntervalAndAtTheEnd() {
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
        phone.sendRtp(session.local(Leg.A).rtp(), 2, 320, HELLO);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.counts(Leg.A).rtpForwarded() == 2);

        scheduler.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 2);
        session.close();

        assertThat(reports).extracting(LegQuality::leg, LegQuality::isFinal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Leg.A, false), org.assertj.core.groups.Tuple.tuple(Leg.B, false),
                org.assertj.core.groups.Tuple.tuple(Leg.A, true), org.assertj.core.groups.Tuple.tuple(Leg.B, true));
        assertThat(reports.get(2).packets()).isEqualTo(1);   // the first one only validated the source (A.1)
        assertThat(reports.get(2).sessionId()).isEqualTo("call-1");
        assertThat(reports.get(2).codec()).isEqualTo(StreamCodec.DEFAULT);
    }

    @Test
    void portPairsAreReleasedAtSessionEnd() {
        assertThat(relay.pairsInUse(LOOPBACK)).isEqualTo(2);

        session.close();

        assertThat(relay.pairsInUse(LOOPBACK)).isZero();
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);
        assertThat(FakeEndpoint.receive(trunk.rtp, 200)).isEmpty();
    }

    @Test
    void holdWithTheLegacyAddressStopsSendingToThatLegUntilItSendsItself() throws Exception {
        session.updateRemote(Leg.B, new RemoteMedia(new InetSocketAddress(InetAddress.getByName("0.0.0.0"),
                trunk.announced().rtp().getPort()), Optional.empty()));
        phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, HELLO);

        await().atMost(Duration.ofSeconds(5)).until(() -> session.counts(Leg.A).dropped(DropReason.NO_DESTINATION) == 1);
    }

    @Test
    void exhaustingThePortRangeIsReportedClearly() {
        PortRange tiny = randomRange(2, 28_000);   // apart from the session's range, whose pairs lie anywhere in it
        try (NettyMediaRelay small = new NettyMediaRelay(RelayConfig.defaults(tiny))) {
            RelaySession first = small.open("first", LOOPBACK, LOOPBACK, QualityListener.NONE);

            assertThatThrownBy(() -> small.open("second", LOOPBACK, LOOPBACK, QualityListener.NONE))
                    .isInstanceOf(PortRangeExhaustedException.class)
                    .hasMessageContaining("no free RTP/RTCP port pair on 127.0.0.1 in range " + tiny);
            assertThat(small.pairsInUse(LOOPBACK)).isEqualTo(2);
            first.close();
            assertThat(small.pairsInUse(LOOPBACK)).isZero();
        }
    }

    private static PortRange randomRange(int pairs) {
        return randomRange(pairs, 30_000);
    }

    private static PortRange randomRange(int pairs, int base) {
        // Below Linux's ephemeral range, so the fake endpoints' ports never collide with it;
        // a pair another process holds is skipped by the relay anyway.
        int first = base + 2 * ThreadLocalRandom.current().nextInt(1_000);
        return new PortRange(first, first + 2 * pairs - 1);
    }

    private static byte[] payload(DatagramPacket p) {
        var buf = Unpooled.wrappedBuffer(p.getData(), p.getOffset(), p.getLength());
        int header = RtpPacket.headerLength(buf);
        return Arrays.copyOfRange(p.getData(), p.getOffset() + header, p.getOffset() + p.getLength());
    }

    private static long ssrc(DatagramPacket p) {
        return RtpPacket.ssrc(Unpooled.wrappedBuffer(p.getData(), p.getOffset(), p.getLength()));
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] bytes) {
        try {
            from.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
