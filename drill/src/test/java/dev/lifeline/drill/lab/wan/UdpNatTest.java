package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's UDP NAT over real sockets on loopback: gateway 127.0.0.11, the emulator's
 * inside address 127.0.0.21, its public address 127.0.0.31, the provider 127.0.0.41. Ports are
 * all ephemeral. Timings are checked only as generous lower bounds.
 */
class UdpNatTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private final FakeClock clock = new FakeClock();
    private final List<WanEvent> events = new CopyOnWriteArrayList<>();
    private final UdpPeer gateway = new UdpPeer("127.0.0.11");
    private final UdpPeer provider = new UdpPeer("127.0.0.41");
    private WanEmulator wan;
    private UdpForward forward;

    private void start(NatPolicy nat) {
        wan = WanEmulator.start(WanConfig.of("wan1", ip("127.0.0.31")).withNat(nat).withClock(clock));
        wan.onEvent(events::add);
        forward = wan.forwardUdp(new InetSocketAddress("127.0.0.21", 0), provider.address());
    }

    private void start() {
        start(NatPolicy.typical().withIdleTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void close() {
        if (wan != null) {
            wan.close();
        }
        gateway.close();
        provider.close();
    }

    @Test
    void anEchoCrossesTheNatBothWays() {
        start();

        gateway.send(forward.inside(), "REGISTER");
        UdpPeer.Received atProvider = provider.expect();
        provider.send(atProvider.from(), "200 OK");
        UdpPeer.Received atGateway = gateway.expect();

        assertThat(atProvider.text()).isEqualTo("REGISTER");
        assertThat(atProvider.from().getAddress()).isEqualTo(ip("127.0.0.31"));
        assertThat(atGateway.text()).isEqualTo("200 OK");
        assertThat(atGateway.from()).isEqualTo(forward.inside());
        await().untilAsserted(() -> {
            WanCounts counts = wan.counts();
            assertThat(counts.upstream().in()).isEqualTo(1);
            assertThat(counts.upstream().delivered()).isEqualTo(1);
            assertThat(counts.downstream().delivered()).isEqualTo(1);
            assertThat(counts.downstream().droppedTotal()).isZero();
        });
        assertThat(wan.mappings()).singleElement()
                .satisfies(m -> {
                    assertThat(m.inside()).isEqualTo(gateway.address());
                    assertThat(m.outside()).isEqualTo(atProvider.from());
                });
        assertThat(events).singleElement().isInstanceOf(WanEvent.MappingCreated.class);
    }

    @Test
    void aPacketListenerSeesEachPacketOnTheWanSideWithItsFate() {
        start();
        List<WanPacket> seen = new CopyOnWriteArrayList<>();
        wan.onPacket(seen::add);

        gateway.send(forward.inside(), "REGISTER sip:provider.lab SIP/2.0");
        UdpPeer.Received atProvider = provider.expect();
        wan.setImpairment(Direction.DOWNSTREAM, Impairment.NONE.withLoss(1.0));
        provider.send(atProvider.from(), "SIP/2.0 200 OK");

        await().until(() -> seen.size() == 2);
        WanPacket up = seen.get(0);
        assertThat(up.direction()).isEqualTo(Direction.UPSTREAM);
        assertThat(up.from()).isEqualTo(atProvider.from());
        assertThat(up.to()).isEqualTo(provider.address());
        assertThat(up.inside()).isEqualTo(gateway.address());
        assertThat(up.sipMethod()).contains("REGISTER");
        assertThat(up.dropped()).isEmpty();
        WanPacket down = seen.get(1);
        assertThat(down.direction()).isEqualTo(Direction.DOWNSTREAM);
        assertThat(down.from()).isEqualTo(provider.address());
        assertThat(down.to()).isEqualTo(atProvider.from());
        assertThat(down.sipStatus()).contains(200);
        assertThat(down.sipMethod()).isEmpty();
        assertThat(down.dropped()).contains(DropReason.RANDOM_LOSS);
        assertThat(down.at()).isEqualTo(clock.instant());
    }

    @Test
    void oneInsideSourceKeepsOneMappingWhateverItSendsTo() {
        start();
        try (UdpPeer secondProvider = new UdpPeer("127.0.0.42");
             UdpPeer otherPhone = new UdpPeer("127.0.0.11")) {
            UdpForward second = wan.forwardUdp(new InetSocketAddress("127.0.0.21", 0),
                    secondProvider.address());

            gateway.send(forward.inside(), "a");
            gateway.send(forward.inside(), "b");
            gateway.send(second.inside(), "c");
            otherPhone.send(forward.inside(), "d");

            InetSocketAddress first = provider.expect().from();
            assertThat(provider.expect().from()).isEqualTo(first);
            assertThat(secondProvider.expect().from()).isEqualTo(first);
            InetSocketAddress other = provider.expect().from();
            assertThat(other).isNotEqualTo(first);
            assertThat(wan.mappings()).hasSize(2);

            // The second provider's answer comes back from the second forward's inside address.
            secondProvider.send(first, "from second");
            UdpPeer.Received back = gateway.expect();
            assertThat(back.from()).isEqualTo(second.inside());
        }
    }

    @Test
    void anIdleMappingIsForgottenAndLatePacketsAreCounted() {
        start();
        gateway.send(forward.inside(), "keepalive");
        InetSocketAddress before = provider.expect().from();

        clock.advance(Duration.ofMillis(301));
        provider.send(before, "too late");

        assertThat(gateway.receive(QUIET)).isEmpty();
        await().until(() -> wan.counts().downstream().dropped(DropReason.MAPPING_EXPIRED) == 1);
        assertThat(events).hasAtLeastOneElementOfType(WanEvent.MappingExpired.class);

        gateway.send(forward.inside(), "again");
        InetSocketAddress after = provider.expect().from();
        assertThat(after).isNotEqualTo(before);
        provider.send(after, "welcome back");
        assertThat(gateway.expect().text()).isEqualTo("welcome back");
    }

    @Test
    void outboundTrafficKeepsAMappingAliveAndInboundDoesNotByDefault() {
        start();
        gateway.send(forward.inside(), "1");
        InetSocketAddress mapped = provider.expect().from();
        clock.advance(Duration.ofMillis(200));
        gateway.send(forward.inside(), "2");
        provider.expect();

        clock.advance(Duration.ofMillis(200));
        provider.send(mapped, "inbound at 400 ms");
        assertThat(gateway.expect().text()).isEqualTo("inbound at 400 ms");
        assertThat(wan.mappings()).hasSize(1);

        // 450 ms after the first packet but 250 ms after the last outbound one: still alive; at
        // 550 ms it is gone, although inbound traffic flowed at 400 ms.
        clock.advance(Duration.ofMillis(50));
        assertThat(wan.mappings()).hasSize(1);
        clock.advance(Duration.ofMillis(100));
        assertThat(wan.mappings()).isEmpty();
    }

    @Test
    void anIdleMappingIsForgottenOnTheRealClockToo() {
        wan = WanEmulator.start(WanConfig.of("wan1", ip("127.0.0.31"))
                .withNat(NatPolicy.typical().withIdleTimeout(Duration.ofMillis(300))));
        forward = wan.forwardUdp(new InetSocketAddress("127.0.0.21", 0), provider.address());
        gateway.send(forward.inside(), "keepalive");
        provider.expect();
        assertThat(wan.mappings()).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> wan.mappings().isEmpty());
    }

    @Test
    void aPortChangeForgetsEveryMapping() {
        start();
        gateway.send(forward.inside(), "1");
        InetSocketAddress before = provider.expect().from();

        Instant applied = wan.changePorts();
        provider.send(before, "to the old port");

        assertThat(gateway.receive(QUIET)).isEmpty();
        await().until(() -> wan.counts().downstream().dropped(DropReason.MAPPING_RESET) == 1);
        gateway.send(forward.inside(), "2");
        InetSocketAddress after = provider.expect().from();
        assertThat(after.getAddress()).isEqualTo(before.getAddress());
        assertThat(after.getPort()).isNotEqualTo(before.getPort());
        assertThat(wan.appliedAt()).contains(applied);
        assertThat(events).contains(new WanEvent.PortsChanged("wan1", 1, applied));
    }

    @Test
    void strangersAreFilteredByDefault() {
        start();
        try (UdpPeer stranger = new UdpPeer("127.0.0.42");
             UdpPeer providerOtherPort = new UdpPeer("127.0.0.41")) {
            gateway.send(forward.inside(), "1");
            InetSocketAddress mapped = provider.expect().from();

            stranger.send(mapped, "spam");
            providerOtherPort.send(mapped, "other port");

            assertThat(gateway.receive(QUIET)).isEmpty();
            await().until(() -> wan.counts().downstream().dropped(DropReason.FILTERED) == 2);
        }
    }

    @Test
    void endpointIndependentFilteringLetsAnyoneIn() {
        start(NatPolicy.typical().withFiltering(Filtering.ENDPOINT_INDEPENDENT));
        try (UdpPeer stranger = new UdpPeer("127.0.0.42")) {
            gateway.send(forward.inside(), "1");
            InetSocketAddress mapped = provider.expect().from();

            stranger.send(mapped, "hello");

            UdpPeer.Received got = gateway.expect();
            assertThat(got.text()).isEqualTo("hello");
            assertThat(got.from()).isEqualTo(forward.inside());
        }
    }

    @Test
    void aStaticMappingReachesTheGatewayWithoutItSendingFirst() {
        start();
        InetSocketAddress published = wan.staticMapping(gateway.address(), 0);

        provider.send(published, "INVITE");
        UdpPeer.Received got = gateway.expect();
        gateway.send(got.from(), "180 Ringing");

        assertThat(got.from()).isEqualTo(forward.inside());
        assertThat(provider.expect().from()).isEqualTo(published);
        clock.advance(Duration.ofHours(1));
        wan.changePorts();
        provider.send(published, "BYE");
        assertThat(gateway.expect().text()).isEqualTo("BYE");
    }

    @Test
    void aBlackholeDropsBothWaysUntilRestored() {
        start();
        gateway.send(forward.inside(), "1");
        InetSocketAddress mapped = provider.expect().from();

        Instant down = wan.blackhole(true);
        gateway.send(forward.inside(), "lost up");
        provider.send(mapped, "lost down");

        assertThat(provider.receive(QUIET)).isEmpty();
        assertThat(gateway.receive(QUIET)).isEmpty();
        await().untilAsserted(() -> {
            assertThat(wan.counts().upstream().dropped(DropReason.BLACKHOLE)).isEqualTo(1);
            assertThat(wan.counts().downstream().dropped(DropReason.BLACKHOLE)).isEqualTo(1);
        });
        assertThat(wan.appliedAt()).contains(down);
        assertThat(events).filteredOn(WanEvent.ImpairmentChanged.class::isInstance).hasSize(2)
                .allSatisfy(e -> {
                    assertThat(((WanEvent.ImpairmentChanged) e).current().blackhole()).isTrue();
                    assertThat(e.at()).isEqualTo(down);
                });

        clock.advance(Duration.ofMillis(100));
        Instant up = wan.blackhole(false);
        gateway.send(forward.inside(), "back");
        assertThat(provider.expect().text()).isEqualTo("back");
        provider.send(mapped, "back too");
        assertThat(gateway.expect().text()).isEqualTo("back too");
        assertThat(wan.appliedAt()).contains(up);
        assertThat(up).isAfter(down);
    }

    @Test
    void packetsStillInFlightWhenTheLinkGoesDownAreLost() {
        start();
        wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withDelay(Duration.ofMillis(500)));
        gateway.send(forward.inside(), "in flight");
        await().until(() -> wan.counts().upstream().in() == 1);

        wan.blackhole(true);

        assertThat(provider.receive(Duration.ofMillis(1000))).isEmpty();
        await().until(() -> wan.counts().upstream().dropped(DropReason.BLACKHOLE) == 1);
        assertThat(wan.impairment(Direction.UPSTREAM).delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aDelayHoldsEachPacketAtLeastThatLong() {
        start();
        wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withDelay(Duration.ofMillis(150)));
        wan.setImpairment(Direction.DOWNSTREAM, Impairment.NONE.withDelay(Duration.ofMillis(100)));

        long sent = System.nanoTime();
        gateway.send(forward.inside(), "ping");
        UdpPeer.Received atProvider = provider.expect();
        long up = System.nanoTime() - sent;
        provider.send(atProvider.from(), "pong");
        gateway.expect();
        long roundTrip = System.nanoTime() - sent;

        assertThat(Duration.ofNanos(up)).isGreaterThanOrEqualTo(Duration.ofMillis(145));
        assertThat(Duration.ofNanos(roundTrip)).isGreaterThanOrEqualTo(Duration.ofMillis(245));
    }

    @Test
    void lossDropsAboutTheConfiguredShare() {
        start();
        wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withLoss(0.2));
        int total = 2000;

        for (int sent = 0; sent < total; ) {
            for (int i = 0; i < 100; i++, sent++) {
                gateway.send(forward.inside(), "rtp " + sent);
            }
            long expected = sent;
            await().atMost(Duration.ofSeconds(10)).until(() -> wan.counts().upstream().in() >= expected);
        }

        await().untilAsserted(() -> {
            DirectionCounts up = wan.counts().upstream();
            assertThat(up.in()).isEqualTo(total);
            assertThat(up.delivered() + up.droppedTotal()).isEqualTo(total);
        });
        double lossRate = wan.counts().upstream().dropped(DropReason.RANDOM_LOSS) / (double) total;
        assertThat(lossRate).isBetween(0.15, 0.25);
    }

    @Test
    void aDuplicatedPacketArrivesTwiceAndIsCountedOnce() {
        start();
        wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withDuplicate(1.0));

        gateway.send(forward.inside(), "twice");

        assertThat(provider.expect().text()).isEqualTo("twice");
        assertThat(provider.expect().text()).isEqualTo("twice");
        await().untilAsserted(() -> {
            DirectionCounts up = wan.counts().upstream();
            assertThat(up.in()).isEqualTo(1);
            assertThat(up.duplicated()).isEqualTo(1);
            assertThat(up.delivered()).isEqualTo(2);
        });
    }

    @Test
    void impairmentsChangeWhileTrafficFlowsAndEachChangeIsStamped() {
        start();
        Impairment bad = Impairment.NONE.withLoss(1.0);

        Instant first = wan.setImpairment(Direction.DOWNSTREAM, bad);
        clock.advance(Duration.ofSeconds(1));
        Instant second = wan.setImpairment(Direction.DOWNSTREAM, Impairment.NONE);

        assertThat(events).containsExactly(
                new WanEvent.ImpairmentChanged("wan1", Direction.DOWNSTREAM, Impairment.NONE, bad, first),
                new WanEvent.ImpairmentChanged("wan1", Direction.DOWNSTREAM, bad, Impairment.NONE, second));
        assertThat(second).isEqualTo(first.plusSeconds(1));
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
