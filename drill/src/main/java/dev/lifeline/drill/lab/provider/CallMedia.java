package dev.lifeline.drill.lab.provider;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP at the provider: a UDP socket on the target's address, a reader that folds
 * arrivals into {@link RtpArrivals} (and echoes in {@link MediaMode#ECHO}), and in
 * {@link MediaMode#TEST_SIGNAL} a 20 ms sender on the shared scheduler.
 */
final class CallMedia implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);
    private static final long PACKET_INTERVAL_MILLIS = 20;

    private final DatagramSocket socket;
    private final MediaMode mode;
    private final MediaAddressing addressing;
    private final InstantSource clock;
    private final Duration gapThreshold;
    private final ScheduledExecutorService scheduler;
    private final long ssrc;
    private final int firstSequence;
    private final long firstTimestamp;
    private final AtomicReference<RtpArrivals> received = new AtomicReference<>(RtpArrivals.NONE);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong signalIndex = new AtomicLong();
    /** Where the last SDP said to send; null until known. */
    private volatile InetSocketAddress sdpTarget;
    /** The source latched since the last SDP change (symmetric RTP); null until a packet came. */
    private volatile InetSocketAddress latched;
    private volatile ScheduledFuture<?> signal;
    private volatile boolean started;

    private CallMedia(DatagramSocket socket, MediaMode mode, MediaAddressing addressing, InstantSource clock,
                      Duration gapThreshold, ScheduledExecutorService scheduler, RandomGenerator random) {
        this.socket = socket;
        this.mode = mode;
        this.addressing = addressing;
        this.clock = clock;
        this.gapThreshold = gapThreshold;
        this.scheduler = scheduler;
        this.ssrc = random.nextLong(1L << 32);
        this.firstSequence = random.nextInt(1 << 16);
        this.firstTimestamp = random.nextLong(1L << 32);
    }

    static CallMedia open(InetAddress address, MediaMode mode, MediaAddressing addressing, InstantSource clock,
                          Duration gapThreshold, ScheduledExecutorService scheduler, RandomGenerator random)
            throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
        return new CallMedia(socket, mode, addressing, clock, gapThreshold, scheduler, random);
    }

    InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    MediaMode mode() {
        return mode;
    }

    /** Starts reading, and sending the test signal in that mode. Idempotent. */
    synchronized void start(String name) {
        if (started || socket.isClosed()) {
            return;
        }
        started = true;
        Thread.ofPlatform().daemon().name("lab-rtp-" + name).start(this::read);
        if (mode == MediaMode.TEST_SIGNAL) {
            signal = scheduler.scheduleAtFixedRate(this::sendSignal, 0, PACKET_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The SDP (offer, answer or re-INVITE) says RTP goes to {@code address} from now on. */
    void remote(InetSocketAddress address) {
        sdpTarget = address;
        latched = null;
    }

    /** Where RTP goes now; empty before any SDP, or on hold (0.0.0.0, RFC 3264 §8.4). */
    Optional<InetSocketAddress> sendingTo() {
        InetSocketAddress sdp = sdpTarget;
        if (sdp == null || sdp.getAddress().isAnyLocalAddress()) {
            return Optional.empty();
        }
        InetSocketAddress source = latched;
        return Optional.of(addressing == MediaAddressing.SYMMETRIC && source != null ? source : sdp);
    }

    Optional<InetSocketAddress> sdpTarget() {
        return Optional.ofNullable(sdpTarget);
    }

    CallMediaStats stats() {
        return new CallMediaStats(local(), mode, received.get(), sent.get(), sendingTo());
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;                          // closed
            }
            if (!isRtp(packet.getData(), packet.getLength())) {
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            received.updateAndGet(r -> r.arrived(clock.instant(), packet.getLength(), source, gapThreshold));
            latched = source;
            if (mode == MediaMode.ECHO) {
                byte[] echo = Arrays.copyOf(packet.getData(), packet.getLength());
                writeSsrc(echo, ssrc);           // our stream, the sender's sequence: its losses show downstream
                send(echo);
            }
        }
    }

    private void sendSignal() {
        send(TestSignal.packet(signalIndex.getAndIncrement(), ssrc, firstSequence, firstTimestamp));
    }

    private void send(byte[] data) {
        Optional<InetSocketAddress> to = sendingTo();
        if (to.isEmpty()) {
            return;
        }
        try {
            socket.send(new DatagramPacket(data, data.length, to.get()));
            sent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("lab provider RTP from {} to {}: {}", local(), to.get(), e.toString());
        }
    }

    /** RTP version 2 with a full header, and not RTCP (payload types 72-76 with the marker bit: RFC 5761 §4). */
    static boolean isRtp(byte[] data, int length) {
        if (length < 12 || (data[0] & 0xC0) != 0x80) {
            return false;
        }
        int type = data[1] & 0xFF;
        return type < 200 || type > 204;
    }

    private static void writeSsrc(byte[] packet, long ssrc) {
        packet[8] = (byte) (ssrc >>> 24);
        packet[9] = (byte) (ssrc >>> 16);
        packet[10] = (byte) (ssrc >>> 8);
        packet[11] = (byte) ssrc;
    }

    @Override
    public void close() {
        ScheduledFuture<?> s = signal;
        if (s != null) {
            s.cancel(false);
        }
        socket.close();
    }
}
