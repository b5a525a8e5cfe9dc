package dev.lifeline.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A UDP NAT stand-in for socket tests: the gateway sends to the inside socket, the relay sends
 * on from its outside socket (the "public" address the provider sees) to {@code upstream}, and
 * upstream's answers go back to the last inside client. {@link #remap()} rebinds the outside
 * socket to a new port, as a NAT that forgot its mapping does. One thread per socket.
 */
final class NatRelay implements AutoCloseable {

    private final DatagramSocket inside;
    private final InetSocketAddress outsideBind;
    private final InetSocketAddress upstream;
    private final Thread insideThread;
    private volatile DatagramSocket outside;
    private volatile Thread outsideThread;
    private volatile InetSocketAddress client;

    /**
     * @param inside      where the gateway sends to (port 0: ephemeral)
     * @param outsideBind the public address's IP (port 0: each mapping gets a new ephemeral port)
     */
    NatRelay(InetSocketAddress inside, InetSocketAddress outsideBind, InetSocketAddress upstream) throws SocketException {
        this.inside = new DatagramSocket(inside);
        this.inside.setSoTimeout(100);
        this.outsideBind = outsideBind;
        this.upstream = upstream;
        openOutside();
        this.insideThread = Thread.ofPlatform().daemon().name("nat-inside").start(this::fromInside);
    }

    InetSocketAddress insideAddress() {
        return (InetSocketAddress) inside.getLocalSocketAddress();
    }

    /** The address the provider sees us from now. */
    InetSocketAddress publicAddress() {
        return (InetSocketAddress) outside.getLocalSocketAddress();
    }

    /** Forgets the mapping: the outside socket closes and a new one takes a new port. */
    synchronized void remap() throws SocketException, InterruptedException {
        DatagramSocket old = outside;
        Thread oldThread = outsideThread;
        openOutside();
        old.close();
        oldThread.join(2000);
    }

    private synchronized void openOutside() throws SocketException {
        DatagramSocket s = new DatagramSocket(outsideBind);
        s.setSoTimeout(100);
        outside = s;
        outsideThread = Thread.ofPlatform().daemon().name("nat-outside-" + s.getLocalPort()).start(() -> fromOutside(s));
    }

    private void fromInside() {
        byte[] buf = new byte[4096];
        while (!inside.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            if (!receive(inside, in)) {
                continue;
            }
            client = (InetSocketAddress) in.getSocketAddress();
            send(outside, new DatagramPacket(Arrays.copyOf(in.getData(), in.getLength()), in.getLength(), upstream));
        }
    }

    private void fromOutside(DatagramSocket socket) {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            if (!receive(socket, in)) {
                continue;
            }
            InetSocketAddress to = client;
            if (to != null) {
                send(inside, new DatagramPacket(Arrays.copyOf(in.getData(), in.getLength()), in.getLength(), to));
            }
        }
    }

    /** False on a timeout or a closed socket (the loops check for closing). */
    private static boolean receive(DatagramSocket socket, DatagramPacket into) {
        try {
            socket.receive(into);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(DatagramSocket socket, DatagramPacket p) {
        try {
            socket.send(p);
        } catch (IOException e) {
            // closed while remapping, or the far end is gone: a lost datagram, like on a WAN
        }
    }

    @Override
    public void close() throws InterruptedException {
        inside.close();
        outside.close();
        insideThread.join(2000);
        outsideThread.join(2000);
    }
}
