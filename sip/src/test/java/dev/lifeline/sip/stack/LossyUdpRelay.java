package dev.lifeline.sip.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A one-socket UDP relay between one client and one server on loopback that drops the
 * datagrams a predicate picks, each at most once. Datagrams from the server go to the last
 * client address seen; everything else goes to the server, so the server sees the relay as
 * the client's NAT.
 */
final class LossyUdpRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final List<Predicate<String>> dropOnce;
    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final Thread pump;
    private volatile SocketAddress client;

    /** @param dropOnce each matches the first datagram (as text) it should drop, then retires */
    LossyUdpRelay(InetSocketAddress server, List<Predicate<String>> dropOnce) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.server = server;
        this.dropOnce = new CopyOnWriteArrayList<>(dropOnce);
        this.pump = new Thread(this::pump, "lossy-udp-relay");
        pump.setDaemon(true);
        pump.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** First lines of the datagrams dropped, in order. */
    List<String> dropped() {
        return dropped;
    }

    private void pump() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                forward(packet);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(DatagramPacket packet) throws IOException {
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        for (Predicate<String> rule : dropOnce) {
            if (rule.test(text) && dropOnce.remove(rule)) {
                dropped.add(text.substring(0, text.indexOf('\r')));
                return;
            }
        }
        boolean fromServer = packet.getSocketAddress().equals(server);
        if (!fromServer) {
            client = packet.getSocketAddress();
        }
        SocketAddress to = fromServer ? client : server;
        if (to != null) {
            socket.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            pump.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
