package dev.lifeline.drill.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * An outsider's flood of OPTIONS without credentials, from one loopback address, at a paced
 * rate for a bounded time (and so a bounded count). Answers are read and counted, so the
 * lab sees how many the gateway answered rather than dropped.
 */
public final class OptionsFlooder {

    /** What a flood sent and got back. */
    public record Result(long sent, long answered) {
    }

    private static final long TICK_NANOS = 10_000_000L;

    private OptionsFlooder() {
    }

    /**
     * Sends {@code rate} OPTIONS a second to {@code target} from {@code from} for
     * {@code duration}; stops early when interrupted.
     *
     * @param progress told the count sent, about once a second
     */
    public static Result run(InetAddress from, InetSocketAddress target, int rate, Duration duration,
                             LongConsumer progress) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(from, 0));
            channel.configureBlocking(false);
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            long limit = (long) rate * Math.max(1, duration.toMillis()) / 1_000;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long sent = 0;
            long answered = 0;
            long lastReport = start;
            ByteBuffer in = ByteBuffer.allocate(4_096);
            while (sent < limit && System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                long due = Math.min(limit, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
                while (sent < due) {
                    channel.send(ByteBuffer.wrap(options(local, target, sent)), target);
                    sent++;
                }
                answered += drain(channel, in);
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    progress.accept(sent);
                    lastReport = now;
                }
                try {
                    Thread.sleep(Duration.ofNanos(TICK_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // Answers still on their way.
            long settle = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < settle) {
                long got = drain(channel, in);
                answered += got;
                if (got == 0) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            return new Result(sent, answered);
        }
    }

    private static long drain(DatagramChannel channel, ByteBuffer in) throws IOException {
        long n = 0;
        while (true) {
            in.clear();
            if (channel.receive(in) == null) {
                return n;
            }
            n++;
        }
    }

    private static byte[] options(InetSocketAddress local, InetSocketAddress target, long n) {
        String host = local.getAddress().getHostAddress() + ":" + local.getPort();
        String to = "sip:" + target.getAddress().getHostAddress() + ":" + target.getPort();
        return ("OPTIONS " + to + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ";branch=z9hG4bK-flood-" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:scanner@" + host + ">;tag=f" + n + "\r\n"
                + "To: <" + to + ">\r\n"
                + "Call-ID: flood-" + n + "@" + host + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "User-Agent: friendly-scanner\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
