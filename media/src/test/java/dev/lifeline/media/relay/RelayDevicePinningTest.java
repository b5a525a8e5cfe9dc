package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Relay sockets on an address with a device configured are pinned to it (SO_BINDTODEVICE): media
 * flows through pinned sockets, and a device that cannot be used fails the session naming the
 * device and address, with its ports given back, never with media left on the default device.
 */
class RelayDevicePinningTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void mediaFlowsThroughSocketsPinnedToTheirDevice() {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll");
        RelayConfig config = RelayConfig.defaults(range(4)).withDevices(Map.of(LOOPBACK, "lo"));
        try (NettyMediaRelay relay = new NettyMediaRelay(config);
             RelaySession session = relay.open("pinned", LOOPBACK, LOOPBACK, QualityListener.NONE);
             FakeEndpoint phone = new FakeEndpoint(0xA0A0A0A0L);
             FakeEndpoint trunk = new FakeEndpoint(0xB0B0B0B0L)) {
            session.updateRemote(Leg.A, phone.announced());
            session.updateRemote(Leg.B, trunk.announced());
            phone.sendRtp(session.local(Leg.A).rtp(), 1, 160, "hello".getBytes());
            DatagramPacket atTrunk = FakeEndpoint.receive(trunk.rtp).orElseThrow();
            assertThat(atTrunk.getSocketAddress()).isEqualTo(session.local(Leg.B).rtp());
        }
    }

    @Test
    void aMissingDeviceFailsTheSessionNamingItAndGivesThePortsBack() {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll");
        RelayConfig config = RelayConfig.defaults(range(4)).withDevices(Map.of(LOOPBACK, "nosuch9"));
        try (NettyMediaRelay relay = new NettyMediaRelay(config)) {
            assertThatThrownBy(() -> relay.open("unpinnable", LOOPBACK, LOOPBACK, QualityListener.NONE))
                    .isInstanceOf(RelayException.class)
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining("interface nosuch9")
                    .hasMessageContaining("No such device");
            assertThat(relay.pairsInUse(LOOPBACK)).isZero();
        }
    }

    @Test
    void aPortableNioRelayRefusesADeviceInsteadOfIgnoringIt() {
        RelayConfig config = new RelayConfig(range(4), RelayConfig.DSCP_EF, LatchPolicy.DEFAULT,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(20), 1,
                false, Map.of(LOOPBACK, "lo"));
        try (NettyMediaRelay relay = new NettyMediaRelay(config)) {
            assertThatThrownBy(() -> relay.open("nio", LOOPBACK, LOOPBACK, QualityListener.NONE))
                    .isInstanceOf(RelayException.class)
                    .hasMessageContaining("interface lo")
                    .hasMessageContaining("native epoll");
            assertThat(relay.pairsInUse(LOOPBACK)).isZero();
        }
    }

    @Test
    void onlyTheConfiguredAddressIsPinned() {
        RelayConfig config = RelayConfig.defaults(range(4)).withDevices(Map.of(LOOPBACK, "eth7"));
        assertThat(config.deviceFor(LOOPBACK)).contains("eth7");
        assertThat(config.deviceFor(loopback2())).isEmpty();
        assertThat(config.withDscp(0).devices()).isEqualTo(Map.of(LOOPBACK, "eth7"));
    }

    private static InetAddress loopback2() {
        try {
            return InetAddress.getByName("127.0.0.2");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static PortRange range(int pairs) {
        int first = 20_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        return new PortRange(first, first + 2 * pairs - 1);
    }
}
