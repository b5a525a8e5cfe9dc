package dev.lifeline.bench.load;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean REGISTER load generator over raw UDP sockets: each simulated phone registers with
 * digest (REGISTER, 401, REGISTER with Authorization, 200) and starts its next registration as
 * soon as the last one ended, so there are always as many registrations in flight as phones.
 * Like a phone it resends an unanswered request (T1 = 500 ms, doubling).
 * It is written without a SIP stack (text requests, a few sockets, one thread per socket) so
 * that the generator costs little next to the gateway it loads.
 *
 * <p>Bounded in count ({@code maxRegistrations}) and time ({@code duration}); a request without
 * an answer for {@code timeout} counts as timed out and the phone starts again.
 */
public final class RegisterStorm {

    /**
     * @param phones           simulated phones, registering as extensions {@link BenchSite#number}(0…phones-1)
     * @param maxRegistrations registrations started at most
     */
    public record Settings(InetSocketAddress gateway, int phones, Duration duration, int maxRegistrations,
                           Duration timeout) {
    }

    /**
     * What a run achieved; elapsed runs from the first REGISTER to the last 200 OK. Refused counts
     * 503 answers (an overloaded gateway), after which the phone backed off and tried again.
     */
    public record Result(long registered, long failed, long timedOut, long refused, long retransmissions,
                         Duration elapsed, Latencies latencies) {

        public double perSecond() {
            return elapsed.isZero() ? 0 : registered / (elapsed.toNanos() / 1e9);
        }

        /** Registrations that ended without a 200 OK, 503 refusals included. */
        public long failures() {
            return failed + timedOut + refused;
        }

        public Latencies.Percentiles latency() {
            return latencies.percentiles();
        }

        /** Two runs as one: counts and time added, latencies pooled. */
        public Result plus(Result o) {
            return new Result(registered + o.registered, failed + o.failed, timedOut + o.timedOut, refused + o.refused,
                    retransmissions + o.retransmissions, elapsed.plus(o.elapsed), Latencies.merge(latencies, o.latencies));
        }
    }

    private static final int SOCKETS = 4;
    private static final SipParser PARSER = new SipParser();

    private final Settings settings;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final Map<String, SimulatedPhone> byCallId = new ConcurrentHashMap<>();
    private final List<SimulatedPhone> phones = new ArrayList<>();
    final Latencies latencies;
    private final AtomicLong started = new AtomicLong();
    final AtomicLong registered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong retransmissions = new AtomicLong();
    private final AtomicLong lastDone = new AtomicLong();
    private volatile long deadline;
    private volatile boolean stopping;

    private RegisterStorm(Settings settings) {
        this.settings = settings;
        this.latencies = new Latencies(settings.maxRegistrations());
    }

    /** Runs a storm against the gateway at {@code settings.gateway()}, printing progress under {@code label}. */
    public static Result run(Settings settings, PrintStream out, String label) {
        RegisterStorm storm = new RegisterStorm(settings);
        try {
            return storm.run(out, label);
        } catch (IOException e) {
            throw new UncheckedIOException("the REGISTER storm could not use its sockets", e);
        } finally {
            storm.close();
        }
    }

    private Result run(PrintStream out, String label) throws IOException {
        for (int s = 0; s < Math.min(SOCKETS, settings.phones()); s++) {
            DatagramChannel channel = DatagramChannel.open();
            // A burst of answers to every phone at once must not overflow the socket and read as loss.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channels.add(channel);
            Thread.ofPlatform().daemon().name("storm-rx-" + s).start(() -> receive(channel));
        }
        for (int i = 0; i < settings.phones(); i++) {
            String user = BenchSite.number(i);
            SimulatedPhone phone = new SimulatedPhone(this, user, run + "-" + user, channels.get(i % channels.size()),
                    settings.gateway());
            phones.add(phone);
            byCallId.put(phone.callId, phone);
        }
        long start = System.nanoTime();
        lastDone.set(start);
        deadline = start + settings.duration().toNanos();
        try (Progress p = new Progress(out, label, () -> String.format(
                "%d registered, %d failed, %d timed out, %d refused (503), %d resent",
                registered.get(), failed.get(), timedOut.get(), refused.get(), retransmissions.get()))) {
            phones.forEach(SimulatedPhone::next);
            waitUntilDone();
        }
        stopping = true;
        return new Result(registered.get(), failed.get(), timedOut.get(), refused.get(), retransmissions.get(),
                Duration.ofNanos(lastDone.get() - start), latencies);
    }

    /** Until every phone is idle; times requests out and ends back-offs meanwhile. */
    private void waitUntilDone() {
        long hardStop = deadline + settings.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < hardStop) {
            long now = System.nanoTime();
            boolean busy = false;
            for (SimulatedPhone phone : phones) {
                busy |= phone.tick(now, settings.timeout().toNanos());
            }
            if (!busy) {
                return;
            }
            sleep(50);
        }
    }

    /** Whether a phone may start another registration: time and count both bound the run. */
    boolean mayStart() {
        return !stopping && System.nanoTime() < deadline && started.incrementAndGet() <= settings.maxRegistrations();
    }

    void done(long startedAt, boolean ok) {
        long now = System.nanoTime();
        if (ok) {
            latencies.record(now - startedAt);
            registered.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        lastDone.accumulateAndGet(now, Math::max);
    }

    private void receive(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(65_535);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;   // e.g. ICMP port unreachable reported on the socket; the timeout handles it
            }
            // The gateway may also send requests (NAT keepalives); only responses matter here.
            if (PARSER.parse(buffer.array(), 0, buffer.position()) instanceof ParseResult.Ok ok
                    && ok.message() instanceof SipResponse response) {
                SimulatedPhone phone = byCallId.get(response.callId());
                if (phone != null) {
                    phone.onResponse(response);
                }
            }
        }
    }

    private void close() {
        stopping = true;
        for (DatagramChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
