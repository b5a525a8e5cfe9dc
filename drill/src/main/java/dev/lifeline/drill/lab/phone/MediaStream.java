package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.jitter.JitterBuffer;
import dev.lifeline.media.jitter.JitterBufferConfig;
import dev.lifeline.media.jitter.PlayoutReport;
import dev.lifeline.media.jitter.RtpArrival;
import dev.lifeline.media.quality.SpeechLikeSignal;
import dev.lifeline.media.rtp.RtpPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One call's audio at a phone: its own RTP socket, the test signal it sends every tick, and the
 * jitter buffer that plays what arrives. Lives on the {@link PhoneRuntime}'s thread: the socket's
 * reads, the tick and start/stop all run there, so nothing here is locked.
 */
final class MediaStream {

    private final PhoneRuntime runtime;
    private final DatagramChannel channel;
    private final SpeechLikeSignal signal;
    private final JitterBufferConfig jitterConfig;
    private final long ssrc;
    private final String label;
    private final LanSegment lan;

    private InetSocketAddress remote;
    private JitterBuffer buffer;
    private boolean running;
    private boolean stopped;
    private int seq;
    private long timestamp;
    private long sent;
    private long ignored;
    private long delaySamples;
    private long delaySum;
    private long startNanos;
    private PlayoutReport finalReport;
    /** Quiet: comfort noise every {@link #CN_EVERY_TICKS} ticks instead of speech (RFC 3389 §4). */
    private boolean quiet;
    private long quietTicks;
    private long comfortNoiseSent;
    private long audioReceived;
    private long comfortNoiseReceived;
    /** The far end holds the call (it offered sendonly or inactive): nothing goes out until it resumes. */
    private boolean muted;

    /**
     * A quiet sender's comfort-noise rate: one SID packet every 25 frames (500 ms). RFC 3389
     * leaves the update rate to the sender; phones send one when the noise changes and at least
     * every few hundred milliseconds, far sparser than the 20 ms speech frames.
     */
    static final int CN_EVERY_TICKS = 25;
    /** The noise level the lab sends, in −dBov (RFC 3389 §3.1): quiet office background. */
    static final int CN_LEVEL = 60;

    private MediaStream(PhoneRuntime runtime, DatagramChannel channel, SpeechLikeSignal signal,
                        JitterBufferConfig jitterConfig, long ssrc, int firstSeq, long firstTimestamp, String label,
                        LanSegment lan) {
        this.runtime = runtime;
        this.channel = channel;
        this.signal = signal;
        this.jitterConfig = jitterConfig;
        this.ssrc = ssrc;
        this.seq = firstSeq;
        this.timestamp = firstTimestamp;
        this.label = label;
        this.lan = lan;
    }

    /** Binds an RTP socket on {@code host}, port 0; completes on the runtime's thread. */
    static CompletionStage<MediaStream> open(PhoneRuntime runtime, String host, SpeechLikeSignal signal,
                                             JitterBufferConfig jitterConfig, long ssrc, int firstSeq,
                                             long firstTimestamp, String label, LanSegment lan) {
        CompletableFuture<MediaStream> opened = new CompletableFuture<>();
        MediaStream[] holder = new MediaStream[1];
        Bootstrap bootstrap = new Bootstrap().group(runtime.loop()).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (holder[0] != null) {
                            holder[0].arrived(packet.content());
                        }
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, 0));
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(new IllegalStateException(
                        "cannot open an RTP socket on " + host + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            holder[0] = new MediaStream(runtime, (DatagramChannel) bound.channel(), signal, jitterConfig, ssrc,
                    firstSeq, firstTimestamp, label, lan);
            opened.complete(holder[0]);
        });
        return opened;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Starts sending toward {@code to} and playing what arrives; the call is answered. */
    void start(InetSocketAddress to) {
        if (stopped || running) {
            return;
        }
        remote = to;
        running = true;
        startNanos = runtime.nanoTime();
        buffer = new JitterBuffer(jitterConfig, startNanos);
        runtime.add(this);
    }

    /** A re-INVITE moved the far end. */
    void redirect(InetSocketAddress to) {
        remote = to;
    }

    boolean running() {
        return running;
    }

    /** From now on sends comfort noise instead of speech ({@code true}), or talks again ({@code false}). */
    void quiet(boolean on) {
        if (on && !quiet) {
            quietTicks = 0;
        }
        quiet = on;
    }

    boolean isQuiet() {
        return quiet;
    }

    /** The far end put the call on hold ({@code true}) or took it off: a held phone sends nothing (RFC 3264 §8.4). */
    void heldByFarEnd(boolean on) {
        muted = on;
    }

    void tick(long now) {
        if (!running) {
            return;
        }
        ByteBuf packet;
        if (muted) {
            timestamp = (timestamp + SpeechLikeSignal.FRAME_SAMPLES) & 0xFFFF_FFFFL;
            buffer.tick(now);
            return;
        }
        if (quiet) {
            // Time runs on while quiet (the timestamp keeps counting samples), packets do not.
            boolean send = quietTicks++ % CN_EVERY_TICKS == 0;
            if (send) {
                packet = RtpFrames.write(channel.alloc(), LabSdp.COMFORT_NOISE, false, seq, timestamp, ssrc, now,
                        new byte[] {(byte) CN_LEVEL});
                seq = (seq + 1) & 0xFFFF;
                comfortNoiseSent++;
                send(packet, now);
            }
            timestamp = (timestamp + SpeechLikeSignal.FRAME_SAMPLES) & 0xFFFF_FFFFL;
            buffer.tick(now);
            return;
        }
        SpeechLikeSignal.Frame frame = signal.next();
        packet = RtpFrames.write(channel.alloc(), signal.law().payloadType(), frame.talkspurtStart(), seq,
                timestamp, ssrc, now, frame.payload());
        send(packet, now);
        seq = (seq + 1) & 0xFFFF;
        timestamp = (timestamp + SpeechLikeSignal.FRAME_SAMPLES) & 0xFFFF_FFFFL;
        sent++;
        buffer.tick(now);
    }

    /** Sends {@code packet} over the phone's LAN segment: now, later, or never. */
    private void send(ByteBuf packet, long now) {
        long at = lan.decide(LanSegment.Way.TO_GATEWAY, packet.readableBytes(), now);
        if (at == Long.MIN_VALUE) {
            packet.release();   // lost on the phone's LAN: the gateway never sees it
        } else if (at <= now) {
            channel.writeAndFlush(new DatagramPacket(packet, remote));
        } else {
            InetSocketAddress to = remote;
            runtime.loop().schedule(() -> {
                channel.writeAndFlush(new DatagramPacket(packet, to));
            }, at - now, TimeUnit.NANOSECONDS);
        }
    }

    /** A packet reached the phone's socket: its LAN segment delivers it now, later, or never. */
    private void arrived(ByteBuf content) {
        long now = runtime.nanoTime();
        long at = lan.decide(LanSegment.Way.TO_PHONE, content.readableBytes(), now);
        if (at == Long.MIN_VALUE) {
            return;     // lost on the phone's LAN
        }
        if (at <= now) {
            received(content, now);
            return;
        }
        ByteBuf held = content.retain();
        runtime.loop().schedule(() -> {
            try {
                received(held, at);
            } finally {
                held.release();
            }
        }, at - now, TimeUnit.NANOSECONDS);
    }

    private void received(ByteBuf content, long now) {
        if (running && RtpPacket.check(content).isValid() && !RtpPacket.isRtcp(content)
                && RtpPacket.payloadType(content) == LabSdp.COMFORT_NOISE) {
            // The far end is quiet on purpose: a silence frame to the buffer (its sequence number is
            // no loss, and the quiet stretch is a pause between talkspurts, not a gap in speech).
            comfortNoiseReceived++;
            buffer.offer(new RtpArrival(RtpPacket.ssrc(content), RtpPacket.sequenceNumber(content),
                    RtpPacket.timestamp(content), RtpPacket.marker(content), true, now));
            return;
        }
        if (!running || !RtpPacket.check(content).isValid() || RtpPacket.isRtcp(content)
                || RtpPacket.payloadType(content) != signal.law().payloadType()) {
            // Before the answer, RTCP, or another payload (e.g. telephone-event): not audio to play.
            ignored++;
            return;
        }
        byte[] payload = new byte[Math.max(0, RtpPacket.payloadLength(content))];
        content.getBytes(content.readerIndex() + RtpPacket.headerLength(content), payload);
        boolean silence = SpeechLikeSignal.isSilence(payload, signal.law());
        RtpArrival arrival = new RtpArrival(RtpPacket.ssrc(content), RtpPacket.sequenceNumber(content),
                RtpPacket.timestamp(content), RtpPacket.marker(content), silence, now);
        buffer.offer(arrival);
        audioReceived++;
        long sendTime = RtpFrames.sendTime(content);
        if (sendTime != Long.MIN_VALUE && now >= sendTime) {
            delaySum += now - sendTime;
            delaySamples++;
        }
    }

    /** Stops sending and playing, closes the socket, and keeps the final report. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (running) {
            finalReport = buffer.report(runtime.nanoTime());
            runtime.remove(this);
        }
        running = false;
        channel.close();
    }

    /** What was played; empty when media never started. */
    Optional<PlayoutReport> report() {
        if (finalReport != null) {
            return Optional.of(finalReport);
        }
        return buffer == null ? Optional.empty() : Optional.of(buffer.report(runtime.nanoTime()));
    }

    /** Mean one-way network delay from the send-time stamps; empty when no packet carried one. */
    Optional<Duration> networkDelay() {
        return delaySamples == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(delaySum / delaySamples));
    }

    /** Speech packets sent (comfort noise not included). */
    long packetsSent() {
        return sent;
    }

    long comfortNoiseSent() {
        return comfortNoiseSent;
    }

    /** Audio packets (the call's G.711 payload type) that reached the phone and were played or buffered. */
    long audioReceived() {
        return audioReceived;
    }

    long comfortNoiseReceived() {
        return comfortNoiseReceived;
    }

    long packetsIgnored() {
        return ignored;
    }

    @Override
    public String toString() {
        return "media of " + label;
    }
}
