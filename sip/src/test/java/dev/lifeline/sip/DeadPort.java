package dev.lifeline.sip;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that is held for the whole test and never answers.
 *
 * <p>A port taken from a socket that was then closed is not good enough: a parallel test
 * may bind it, and a TCP connect to a free loopback port can pick that same port as its
 * source and connect to itself (TCP simultaneous open). Holding the port shuts out both.
 * TCP: bound but not listening, so a connect is refused. UDP: bound and never read, so a
 * request is met with silence.
 */
public final class DeadPort implements Closeable {

    private final Closeable holder;
    private final InetSocketAddress address;

    private DeadPort(Closeable holder, int port) {
        this.holder = holder;
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** A TCP port on loopback where connects are refused. */
    public static DeadPort tcp() {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new DeadPort(socket, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port on loopback that swallows whatever is sent to it. */
    public static DeadPort udp() {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new DeadPort(socket, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
