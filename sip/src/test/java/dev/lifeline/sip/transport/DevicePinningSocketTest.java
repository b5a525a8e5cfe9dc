package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.sip.message.SipRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sockets on an address with a device configured are pinned to it (SO_BINDTODEVICE), read back
 * from the kernel; a device that cannot be used fails the socket with its name, never leaves it on
 * the default device.
 */
class DevicePinningSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeEach
    void linuxWithEpoll() {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll: " + Epoll.unavailabilityCause());
    }

    @Test
    void aPinnedSocketIsBoundToTheDeviceInTheKernel() {
        EpollDatagramChannel channel = new EpollDatagramChannel();
        try {
            DevicePinning.pin(channel, "lo");
            assertThat(boundDevice(channel)).isEqualTo("lo");
        } finally {
            channel.unsafe().closeForcibly();
        }
    }

    @Test
    void aMissingDeviceFailsNamingItAndWhatToCheck() {
        EpollDatagramChannel channel = new EpollDatagramChannel();
        try {
            assertThatThrownBy(() -> DevicePinning.pin(channel, "nosuch9"))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("interface nosuch9")
                    .hasMessageContaining("SO_BINDTODEVICE")
                    .hasMessageContaining("No such device")
                    .hasMessageContaining("ip link");
            assertThat(boundDevice(channel)).isEmpty();
        } finally {
            channel.unsafe().closeForcibly();
        }
    }

    @Test
    void aPortableNioSocketIsRefusedNotLeftUnpinned() {
        NioDatagramChannel channel = new NioDatagramChannel();
        try {
            assertThatThrownBy(() -> DevicePinning.pin(channel, "lo"))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("interface lo")
                    .hasMessageContaining("native epoll");
        } finally {
            channel.unsafe().closeForcibly();
        }
    }

    @Test
    void listeningAndOutboundSocketsOnAPinnedAddressCarryTheDevice() throws Exception {
        try (TransportFixture gateway = TransportFixture.start(c -> c.withDevices(Map.of(LOOPBACK, "lo")),
                Transport.UDP, Transport.TCP);
             TransportFixture provider = TransportFixture.start(Transport.TCP);
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            SipRequest options = TransportFixture.sample("options-behind-nat.sip");
            Sent udp = gateway.transport.send(options,
                            Target.of(Transport.UDP, (InetSocketAddress) phone.getLocalSocketAddress()))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            Sent tcp = gateway.transport.send(options,
                            Target.of(Transport.TCP, provider.address(Transport.TCP)).from(LOOPBACK))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThat(boundDevice(gateway.transport.channel(udp.connection()).orElseThrow())).isEqualTo("lo");
            assertThat(boundDevice(gateway.transport.channel(tcp.connection()).orElseThrow())).isEqualTo("lo");
            // The provider side was given no device: its sockets stay unpinned.
            assertThat(provider.transport.listenPoints()).hasSize(1);
        }
    }

    @Test
    void aListenPointWhoseDeviceIsMissingStopsTheStartNamingAddressAndDevice() {
        assertThatThrownBy(() -> TransportFixture.start(c -> c.withDevices(Map.of(LOOPBACK, "nosuch9")),
                Transport.UDP).close())
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("interface nosuch9")
                .hasMessageContaining("No such device");
    }

    @Test
    void aConnectionFromAPinnedAddressWhoseDeviceIsMissingFailsInsteadOfLeavingUnpinned() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (TransportFixture gateway = TransportFixture.start(c -> c.withDevices(Map.of(other, "nosuch9")),
                Transport.UDP);
             TransportFixture provider = TransportFixture.start(Transport.TCP)) {
            SipRequest options = TransportFixture.sample("options-behind-nat.sip");
            assertThatThrownBy(() -> gateway.transport.send(options,
                            Target.of(Transport.TCP, provider.address(Transport.TCP)).from(other))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("interface nosuch9");
            assertThat(provider.transport.stats().connectionsAccepted()).isZero();
        }
    }

    /** SO_BINDTODEVICE as the kernel reports it; empty when the socket is not pinned. */
    static String boundDevice(Channel channel) {
        ByteBuffer value = channel.config().getOption(new RawUnixChannelOption("SO_BINDTODEVICE",
                DevicePinning.SOL_SOCKET, DevicePinning.SO_BINDTODEVICE, 16));
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
}
