package dev.lifeline.gateway.path;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-path WAN stand-in for socket tests: datagrams from a client go on to {@code upstream},
 * answers from upstream go back to the last client. It can blackhole everything, drop a share
 * at random (seeded), or delay. One thread; it stops when closed.
 */
final class ImpairmentRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress upstream;
    private final Thread thread;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
    private final SplittableRandom random = new SplittableRandom(7);
    private volatile boolean blackhole;
    private volatile double dropPercent;
    private volatile long delayMillis;
    private volatile InetSocketAddress client;

    ImpairmentRelay(InetSocketAddress bind, InetSocketAddress upstream) throws SocketException {
        this.socket = new DatagramSocket(bind);
        this.socket.setSoTimeout(100);
        this.upstream = upstream;
        this.thread = Thread.ofPlatform().daemon().name("relay-" + address()).start(this::run);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void blackhole(boolean on) {
        blackhole = on;
    }

    void drop(double percent) {
        dropPercent = percent;
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    private void run() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
            InetSocketAddress to;
            if (from.equals(upstream)) {
                to = client;
            } else {
                client = from;
                to = upstream;
            }
            if (to == null || blackhole || random.nextDouble() * 100 < dropPercent) {
                continue;
            }
            DatagramPacket out = new DatagramPacket(Arrays.copyOf(in.getData(), in.getLength()), in.getLength(), to);
            long delay = delayMillis;
            if (delay > 0) {
                delayer.schedule(() -> send(out), delay, TimeUnit.MILLISECONDS);
            } else {
                send(out);
            }
        }
    }

    private void send(DatagramPacket p) {
        try {
            socket.send(p);
        } catch (IOException e) {
            // closed, or the far end is gone: a lost datagram, like on a WAN
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        delayer.shutdownNow();
        thread.join(5000);
    }
}
