package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.jitter.JitterBuffer;
import dev.lifeline.media.jitter.JitterBufferConfig;
import dev.lifeline.media.jitter.RtpArrival;
import dev.lifeline.media.quality.SpeechLikeSignal;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all lab phones share: one event-loop thread that owns every phone's RTP sockets, call
 * state and timers, and one 20 ms media tick for all active calls (send a frame, play a frame),
 * so a fleet of a few hundred phones does not need a thread per phone or per call.
 *
 * <p>Time: {@link #nanoTime()} is the monotonic clock of arrival, playout and send times (all
 * phones in the JVM read the same one, which is what lets a receiver measure one-way delay
 * from the sender's send-time stamp); {@link #clock()} is the wall clock of registration times.
 */
public final class PhoneRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneRuntime.class);
    static final Duration TICK = Duration.ofMillis(20);

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final Set<MediaStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> ticker;

    private PhoneRuntime(InstantSource clock, LongSupplier nanoTime) {
        warmUp();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lab-phones", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.ticker = loop.scheduleAtFixedRate(this::tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs the per-packet code a few hundred times before the first call, so that the first
     * call's ticks are not late while the JIT compiles it: that lateness would read as sender
     * jitter and make the lab, not the network, look bad.
     */
    private static void warmUp() {
        SpeechLikeSignal signal = new SpeechLikeSignal(0);
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.G711_20MS, 0);
        for (int i = 0; i < 500; i++) {
            SpeechLikeSignal.Frame f = signal.next();
            boolean silence = SpeechLikeSignal.isSilence(f.payload(), signal.law());
            buffer.offer(new RtpArrival(1, i, 160L * i, f.talkspurtStart(), silence, i * TICK.toNanos()));
            buffer.tick(i * TICK.toNanos() + TICK.toNanos() / 2);
        }
    }

    /** A runtime on the system clocks. */
    public static PhoneRuntime start() {
        return new PhoneRuntime(InstantSource.system(), System::nanoTime);
    }

    /** A runtime on the given clocks (the tick itself always follows real time). */
    public static PhoneRuntime start(InstantSource clock, LongSupplier nanoTime) {
        return new PhoneRuntime(clock, nanoTime);
    }

    public InstantSource clock() {
        return clock;
    }

    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** Calls with media running now, over all phones. */
    public int activeStreams() {
        return streams.size();
    }

    EventLoop loop() {
        return loop;
    }

    EventLoopGroup group() {
        return group;
    }

    /** Runs on the phones' thread (at once when already on it). */
    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return loop.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    void add(MediaStream stream) {
        streams.add(stream);
    }

    void remove(MediaStream stream) {
        streams.remove(stream);
    }

    private void tick() {
        long now = nanoTime();
        for (MediaStream stream : streams) {
            try {
                stream.tick(now);
            } catch (RuntimeException e) {
                // One broken call must not stop the clock for the others.
                LOG.warn("media tick failed for {}: {}", stream, e.toString());
                streams.remove(stream);
            }
        }
    }

    /** Stops the tick and the thread; phones using it should be closed first. */
    @Override
    public void close() {
        ticker.cancel(false);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
