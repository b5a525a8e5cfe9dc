package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.codec.SipSamples;
import dev.lifeline.sip.message.SipRequest;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A closed {@link SocketGate} cuts the transport's sockets both ways, on real sockets; opened, they work again. */
class GatedTransportTest {

    private final AtomicBoolean cut = new AtomicBoolean();
    private TransportFixture gateway;
    private DatagramSocket phone;

    @BeforeEach
    void start() throws Exception {
        gateway = TransportFixture.start(Transport.UDP, Transport.TCP);
        InetSocketAddress udp = gateway.address(Transport.UDP);
        ((NettySipTransport) gateway.transport).gate(local -> !(cut.get() && local.getAddress().equals(udp.getAddress())));
        phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        phone.setSoTimeout(700);
    }

    @AfterEach
    void stop() {
        phone.close();
        gateway.close();
    }

    @Test
    void udpIsDroppedInAndOutWhileCutAndFlowsAgainAfter() throws Exception {
        byte[] options = SipSamples.bytes("options-behind-nat.sip");
        SipRequest request = TransportFixture.sample("options-behind-nat.sip");
        Target toPhone = Target.of(Transport.UDP, (InetSocketAddress) phone.getLocalSocketAddress());
        cut.set(true);

        phone.send(new DatagramPacket(options, options.length, gateway.address(Transport.UDP)));
        gateway.transport.send(request, toPhone).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> phone.receive(new DatagramPacket(new byte[4096], 4096)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(gateway.inbox.isEmpty()).isTrue();

        cut.set(false);
        phone.send(new DatagramPacket(options, options.length, gateway.address(Transport.UDP)));
        assertThat(gateway.inbox.next().message()).isInstanceOf(SipRequest.class);
        gateway.transport.send(request, toPhone).toCompletableFuture().get(5, TimeUnit.SECONDS);
        DatagramPacket got = new DatagramPacket(new byte[4096], 4096);
        phone.receive(got);
        assertThat(got.getLength()).isPositive();
    }

    @Test
    void aStreamOnACutAddressIsClosedAndItsWritesFail() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(gateway.address(Transport.TCP), 5_000);
            client.setSoTimeout(5_000);
            cut.set(true);
            client.getOutputStream().write(SipSamples.bytes("options-behind-nat.sip"));

            InputStream in = client.getInputStream();
            assertThat(in.read()).as("closed by the gateway").isEqualTo(-1);
            assertThat(gateway.inbox.isEmpty()).isTrue();
        }
        SipRequest request = TransportFixture.sample("options-behind-nat.sip");
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Target target = Target.of(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress());
            assertThatThrownBy(() -> gateway.transport.send(request, target).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("cut by an injected fault");
        }
    }
}
