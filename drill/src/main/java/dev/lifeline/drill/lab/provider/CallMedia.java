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
 * {@link MediaMode#TEST_SIGNAL} and {@link MediaMode#QUIET} a 20 ms sender on the shared scheduler.
 * While the site holds the call (its offer said sendonly or inactive) nothing is sent.
 */
final class CallMedia implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);
    private static final long PACKET_INTERVAL_MILLIS = 20;
    /** {@link MediaMode#QUIET}: talks this many packets (1 s), then sends comfort noise only. */
    static final int QUIET_TALK_PACKETS = 50;
    /** {@link MediaMode#QUIET}: one comfort-noise packet every this many 20 ms ticks (500 ms). */
    static final int QUIET_CN_EVERY = 25;
    /** The comfort noise's level, −dBov (RFC 3389 §3.1). */
    private static final int CN_LEVEL = 60;

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
    /** The site holds the call: nothing goes out until it resumes. */
    private volatile boolean held;
    private final AtomicLong quietTick = new AtomicLong();
    private final AtomicLong quietSequence = new AtomicLong();
    private final AtomicLong comfortNoiseSent = new AtomicLong();

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
        } else if (mode == MediaMode.QUIET) {
            signal = scheduler.scheduleAtFixedRate(this::sendQuiet, 0, PACKET_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The site put the call on hold ({@code true}: its offer said sendonly or inactive, RFC 3264
     * §8.4) or took it off: a held provider sends nothing, not even an echo.
     */
    void hold(boolean on) {
        held = on;
    }

    boolean held() {
        return held;
    }

    /** Comfort-noise packets sent ({@link MediaMode#QUIET}). */
    long comfortNoiseSent() {
        return comfortNoiseSent.get();
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

    /** One 20 ms tick of {@link MediaMode#QUIET}: speech first, then a comfort-noise packet now and then. */
    private void sendQuiet() {
        long tick = quietTick.getAndIncrement();
        if (tick < QUIET_TALK_PACKETS) {
            quietSequence.incrementAndGet();
            send(TestSignal.packet(tick, ssrc, firstSequence, firstTimestamp));
        } else if ((tick - QUIET_TALK_PACKETS) % QUIET_CN_EVERY == 0) {
            long n = quietSequence.getAndIncrement();
            if (send(comfortNoise(firstSequence + n, firstTimestamp + tick * TestSignal.SAMPLES_PER_PACKET, ssrc))) {
                comfortNoiseSent.incrementAndGet();
            }
        }
    }

    /** An RFC 3389 comfort-noise packet: payload type 13, the noise level as its only payload byte. */
    static byte[] comfortNoise(long sequence, long timestamp, long ssrc) {
        return java.nio.ByteBuffer.allocate(13).put((byte) 0x80).put((byte) Sdp.COMFORT_NOISE)
                .putShort((short) sequence).putInt((int) timestamp).putInt((int) ssrc).put((byte) CN_LEVEL).array();
    }

    /** Sends {@code data} where RTP goes now; false when it went nowhere (no address yet, on hold). */
    private boolean send(byte[] data) {
        Optional<InetSocketAddress> to = sendingTo();
        if (to.isEmpty() || held) {
            return false;
        }
        try {
            socket.send(new DatagramPacket(data, data.length, to.get()));
            sent.incrementAndGet();
            return true;
        } catch (IOException e) {
            LOG.debug("lab provider RTP from {} to {}: {}", local(), to.get(), e.toString());
            return false;
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
