package dev.lifeline.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RTP for many phones with two threads in all: a ticker sends one 20 ms PCMU packet (12-byte
 * header + 160 bytes) from every sending endpoint every 20 ms, and a reader counts what arrives
 * on all of them through one selector. Each endpoint is its own UDP socket, as each phone is,
 * because the relay latches to the source address of each leg.
 */
final class RtpPump implements AutoCloseable {

    static final int PAYLOAD = 160;
    private static final long TICK_MILLIS = 20;

    /** One phone's RTP socket and what it sent and received. */
    static final class Endpoint {
        final DatagramChannel channel;
        final int ssrc;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        private volatile InetSocketAddress sendTo;
        private int sequence;
        private int timestamp;

        private Endpoint(DatagramChannel channel, int ssrc) {
            this.channel = channel;
            this.ssrc = ssrc;
        }

        int port() {
            try {
                return ((InetSocketAddress) channel.getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new IllegalStateException("RTP socket closed", e);
            }
        }
    }

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Selector selector;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("rtp-ticker").unstarted(r));
    private final ByteBuffer packet = ByteBuffer.allocateDirect(12 + PAYLOAD);

    /** Opens {@code count} endpoints on 127.0.0.1 and starts sending and reading. */
    RtpPump(int count) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            c.configureBlocking(false);
            Endpoint e = new Endpoint(c, 0x1000 + i);
            c.register(selector, SelectionKey.OP_READ, e);
            endpoints.add(e);
        }
        Thread.ofPlatform().daemon().name("rtp-reader").start(this::read);
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    Endpoint endpoint(int i) {
        return endpoints.get(i);
    }

    void start(Endpoint e, InetSocketAddress to) {
        e.sendTo = to;
    }

    void stop(Endpoint e) {
        e.sendTo = null;
    }

    long sent() {
        return endpoints.stream().mapToLong(e -> e.sent.get()).sum();
    }

    long received() {
        return endpoints.stream().mapToLong(e -> e.received.get()).sum();
    }

    private void tick() {
        for (Endpoint e : endpoints) {
            InetSocketAddress to = e.sendTo;
            if (to == null) {
                continue;
            }
            packet.clear();
            packet.put((byte) 0x80).put((byte) 0).putShort((short) e.sequence++).putInt(e.timestamp).putInt(e.ssrc);
            e.timestamp += PAYLOAD;
            while (packet.hasRemaining()) {
                packet.put((byte) 0xff);   // PCMU silence
            }
            packet.flip();
            try {
                if (e.channel.send(packet, to) > 0) {
                    e.sent.incrementAndGet();
                }
            } catch (IOException ex) {
                // A refused or failed send is a packet not sent; the counts show it.
            }
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Endpoint e = (Endpoint) key.attachment();
                    while (receiveOne(e, buffer)) {
                        e.received.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException ex) {
            // closed: the run is over
        }
    }

    private static boolean receiveOne(Endpoint e, ByteBuffer buffer) {
        buffer.clear();
        try {
            return e.channel.receive(buffer) != null;
        } catch (IOException ex) {
            return false;   // ICMP port unreachable from a relay port already closed, or the socket closed
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Endpoint e : endpoints) {
            try {
                e.channel.close();
            } catch (IOException ex) {
                // closing anyway
            }
        }
    }
}
