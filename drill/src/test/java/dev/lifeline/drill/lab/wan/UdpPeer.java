package dev.lifeline.drill.lab.wan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A plain UDP socket on a loopback address for the tests: the gateway's or the provider's. */
final class UdpPeer implements AutoCloseable {

    /** One datagram received. */
    record Received(String text, InetSocketAddress from) {
    }

    private final DatagramSocket socket;

    UdpPeer(String ip) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(ip, 0));
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a test UDP socket on " + ip, e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(InetSocketAddress to, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException("send to " + to + " failed", e);
        }
    }

    /** The next datagram within {@code wait}, or empty. */
    Optional<Received> receive(Duration wait) {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("receive on " + address() + " failed", e);
        }
        return Optional.of(new Received(new String(packet.getData(), 0, packet.getLength(),
                StandardCharsets.UTF_8), (InetSocketAddress) packet.getSocketAddress()));
    }

    /** The next datagram; fails the test if none comes within a generous 5 s. */
    Received expect() {
        return receive(Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("nothing arrived at " + address() + " within 5 s"));
    }

    @Override
    public void close() {
        socket.close();
    }
}
