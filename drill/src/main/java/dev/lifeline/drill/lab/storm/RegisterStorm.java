package dev.lifeline.drill.lab.storm;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean REGISTER load generator over raw UDP sockets: simulated phones register with digest
 * (REGISTER, 401, REGISTER with Authorization, 200) to any registrar at host:port — the
 * Lifeline gateway, in this process or its own, or a peer such as Kamailio — speaking plain
 * SIP only. Like a phone, each resends an unanswered request (T1 = 500 ms, doubling).
 * It is written without a SIP stack (text requests, a few sockets, one thread per socket) so
 * that the generator costs little next to the registrar it loads.
 *
 * <p>The phones stay open across {@linkplain #run runs} (same Call-ID, CSeq going up), so a
 * storm can register them, then re-register all of them at once, then ask the registrar for
 * their bindings. A run is either closed-loop (every phone starts its next registration as
 * soon as the last ended) or paced (registrations offered at a fixed rate to idle phones),
 * and either continuous or once per phone (until it succeeded). Every run is bounded in count
 * and time; a request without an answer for {@code timeout} counts as timed out.
 */
public final class RegisterStorm implements AutoCloseable {

    /**
     * The registrar under load: its address, its realm, its extensions (consecutive numbers from
     * {@code firstNumber}) and their password rule (prefix + number), and its process when known.
     */
    public record Target(String name, InetSocketAddress address, String realm, int firstNumber, String passwordPrefix,
                         OptionalLong pid) {

        /** Extension number {@code index} (0-based). */
        public String number(int index) {
            return Integer.toString(firstNumber + index);
        }

        public String password(String user) {
            return passwordPrefix + user;
        }
    }

    /**
     * One run's load. {@code rate} 0 is closed-loop; {@code oncePerPhone} makes each phone
     * register (or query) until it succeeded once, then rest; {@code query} sends REGISTER
     * without Contact (RFC 3261 §10.2.3) and checks the phone's own binding is in the answer.
     */
    public record Load(double rate, Duration duration, int maxRegistrations, boolean oncePerPhone, boolean query) {

        public static Load closedLoop(Duration duration, int max) {
            return new Load(0, duration, max, false, false);
        }

        public static Load paced(double perSecond, Duration duration, int max) {
            return new Load(perSecond, duration, max, false, false);
        }

        /** Every phone registers once (retrying until it did), at {@code perSecond} or, at 0, all at once. */
        public static Load everyPhoneOnce(double perSecond, Duration duration, int phones) {
            return new Load(perSecond, duration, 4 * phones, true, false);
        }

        /** Every phone asks for its bindings once. */
        public static Load queryEveryPhone(double perSecond, Duration duration, int phones) {
            return new Load(perSecond, duration, 4 * phones, true, true);
        }
    }

    /**
     * What a run achieved; elapsed runs from the first REGISTER to the last final answer.
     * Refused counts 503 answers (an overloaded registrar), after which the phone backed off
     * (Retry-After, else 1 s). {@code notStarted}: paced registrations due while every phone was
     * busy, and {@code late}: those sent more than 20 ms after they were due — either means the
     * offered rate was not offered. Binding counts are for a query run only.
     */
    public record Result(long registered, long failed, long timedOut, long refused, long retransmissions,
                         Duration elapsed, Latencies latencies, Map<Integer, Long> failedByStatus, double offered,
                         long notStarted, long late, Optional<Duration> targetCpu, Duration generatorCpu,
                         double busiestGeneratorThread, long bindingsFound, long bindingsMissing) {

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

        /** The target's CPU seconds per 1,000 registrations, NaN without its pid or without registrations. */
        public double targetCpuPerThousand() {
            return targetCpu.filter(c -> registered > 0).map(c -> c.toNanos() / 1e9 * 1000 / registered)
                    .orElse(Double.NaN);
        }

        /** The generator's CPU in cores (CPU seconds per second of the run). */
        public double generatorCores() {
            return elapsed.isZero() ? 0 : generatorCpu.toNanos() / (double) elapsed.toNanos();
        }

        /**
         * Whether the generator may have been the limit: it fell behind its offered rate (more than
         * 1 % of the registrations not started or late) or one of its threads used 90 % of a core.
         */
        public boolean generatorSaturated() {
            long offeredCount = registered + failures() + notStarted;
            return busiestGeneratorThread >= 0.9 || (offered > 0 && notStarted + late > offeredCount / 100);
        }

        /** Two runs as one: counts and time added, latencies pooled. */
        public Result plus(Result o) {
            Map<Integer, Long> byStatus = new TreeMap<>(failedByStatus);
            o.failedByStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
            Optional<Duration> cpu = targetCpu.isPresent() && o.targetCpu.isPresent()
                    ? Optional.of(targetCpu.get().plus(o.targetCpu.get())) : Optional.empty();
            return new Result(registered + o.registered, failed + o.failed, timedOut + o.timedOut, refused + o.refused,
                    retransmissions + o.retransmissions, elapsed.plus(o.elapsed), Latencies.merge(latencies, o.latencies),
                    byStatus, offered, notStarted + o.notStarted, late + o.late, cpu, generatorCpu.plus(o.generatorCpu),
                    Math.max(busiestGeneratorThread, o.busiestGeneratorThread), bindingsFound + o.bindingsFound,
                    bindingsMissing + o.bindingsMissing);
        }
    }

    private static final int SOCKETS = 4;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long LATE = TimeUnit.MILLISECONDS.toNanos(20);
    private static final SipParser PARSER = new SipParser();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Target target;
    private final Duration timeout;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> generatorThreads = new ArrayList<>();
    private final Map<String, SimulatedPhone> byCallId = new ConcurrentHashMap<>();
    private final List<SimulatedPhone> phones = new ArrayList<>();
    private final ConcurrentLinkedQueue<SimulatedPhone> idle = new ConcurrentLinkedQueue<>();
    /** The counters of the run in progress. */
    private volatile Counters counters;

    /** One run's counters; the phones report into the current one. */
    static final class Counters {
        final Load load;
        final Latencies latencies;
        final AtomicLong started = new AtomicLong();
        final LongAdder registered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder timedOut = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder retransmissions = new LongAdder();
        final LongAdder notStarted = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder bindingsFound = new LongAdder();
        final LongAdder bindingsMissing = new LongAdder();
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final AtomicLong lastDone = new AtomicLong();
        final long deadline;
        volatile boolean stopping;

        Counters(Load load, long start) {
            this.load = load;
            this.latencies = new Latencies(load.maxRegistrations());
            this.deadline = start + load.duration().toNanos();
            lastDone.set(start);
        }
    }

    private RegisterStorm(Target target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    /**
     * Opens {@code phones} phones (extensions {@link Target#number}(0…phones-1)) towards
     * {@code target}, all sending from 127.0.0.1 (a few sockets).
     */
    public static RegisterStorm open(Target target, int phones, Duration timeout) {
        return open(target, phones, timeout, java.util.Collections.nCopies(SOCKETS, LOOPBACK));
    }

    /**
     * Opens {@code phones} phones towards {@code target}, spread over one socket on each of
     * {@code sources} (loopback addresses), as phones behind different addresses are: a
     * registrar that limits each source sees the storm as a site's phones, not as one sender.
     */
    public static RegisterStorm open(Target target, int phones, Duration timeout, List<InetAddress> sources) {
        if (sources.isEmpty() || sources.stream().anyMatch(a -> !a.isLoopbackAddress())) {
            throw new IllegalArgumentException("a storm sends from loopback addresses only, not " + sources);
        }
        RegisterStorm storm = new RegisterStorm(target, timeout);
        try {
            storm.openPhones(phones, sources);
            return storm;
        } catch (IOException e) {
            storm.close();
            throw new UncheckedIOException("the REGISTER load could not open its sockets", e);
        }
    }

    public Target target() {
        return target;
    }

    public int phones() {
        return phones.size();
    }

    private void openPhones(int count, List<InetAddress> sources) throws IOException {
        for (int s = 0; s < Math.min(sources.size(), count); s++) {
            DatagramChannel channel = DatagramChannel.open();
            // A burst of answers to every phone at once must not overflow the socket and read as loss.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(sources.get(s), 0));
            channels.add(channel);
            generatorThreads.add(Thread.ofPlatform().daemon().name("storm-rx-" + s).start(() -> receive(channel)));
        }
        for (int i = 0; i < count; i++) {
            String user = target.number(i);
            SimulatedPhone phone = new SimulatedPhone(this, user, target.password(user), target.realm(),
                    runId + "-" + user, channels.get(i % channels.size()), target.address());
            phones.add(phone);
            byCallId.put(phone.callId, phone);
        }
    }

    /** Runs {@code load} on these phones, printing progress under {@code label}; returns once every phone is idle. */
    public Result run(Load load, PrintStream out, String label) {
        long start = System.nanoTime();
        Counters c = new Counters(load, start);
        counters = c;
        idle.clear();
        idle.addAll(phones);
        Optional<Duration> cpuBefore = targetCpu();
        long generatorBefore = generatorCpuNanos();
        Thread pacer = null;
        List<Thread> measured = new ArrayList<>(generatorThreads);
        measured.add(Thread.currentThread());
        try (Progress p = new Progress(out, label, () -> String.format(
                "%d %s, %d failed, %d timed out, %d refused (503), %d resent%s",
                c.registered.sum(), load.query() ? "answered" : "registered", c.failed.sum(), c.timedOut.sum(),
                c.refused.sum(), c.retransmissions.sum(),
                c.notStarted.sum() > 0 ? ", " + c.notStarted.sum() + " not started (every phone busy)" : ""))) {
            if (load.rate() > 0) {
                pacer = Thread.ofPlatform().daemon().name("storm-pacer").start(() -> pace(c, start));
                measured.add(pacer);
            } else {
                for (SimulatedPhone phone; (phone = idle.poll()) != null; ) {
                    startOrRest(phone, c);
                }
            }
            long[] threadCpuBefore = measured.stream().mapToLong(t -> threadCpu(t)).toArray();
            waitUntilDone(c, pacer);
            double busiest = 0;
            double wall = Math.max(1, System.nanoTime() - start);
            for (int i = 0; i < measured.size(); i++) {
                busiest = Math.max(busiest, (threadCpu(measured.get(i)) - threadCpuBefore[i]) / wall);
            }
            c.stopping = true;
            Optional<Duration> cpuAfter = targetCpu();
            Optional<Duration> cpu = cpuBefore.flatMap(b -> cpuAfter.map(a -> a.minus(b)));
            Map<Integer, Long> byStatus = new TreeMap<>();
            c.byStatus.forEach((k, v) -> byStatus.put(k, v.sum()));
            return new Result(c.registered.sum(), c.failed.sum(), c.timedOut.sum(), c.refused.sum(),
                    c.retransmissions.sum(), Duration.ofNanos(c.lastDone.get() - start), c.latencies, byStatus,
                    load.rate(), c.notStarted.sum(), c.late.sum(), cpu,
                    Duration.ofNanos(generatorCpuNanos() - generatorBefore), busiest, c.bindingsFound.sum(),
                    c.bindingsMissing.sum());
        } finally {
            c.stopping = true;
            if (pacer != null) {
                pacer.interrupt();
            }
        }
    }

    /** Offers registrations at the load's rate to idle phones, until the count or the time is used up. */
    private void pace(Counters c, long start) {
        double interval = 1e9 / c.load.rate();
        long slot = 0;
        while (!c.stopping && !Thread.currentThread().isInterrupted()) {
            long due = start + (long) (slot * interval);
            long now = System.nanoTime();
            // Once per phone, the pacer's work is over when every phone has had its start (retries are the phone's).
            if (due - c.deadline >= 0 || slot >= c.load.maxRegistrations() || (c.load.oncePerPhone() && idle.isEmpty())) {
                return;
            }
            if (due - now > 0) {
                LockSupport.parkNanos(Math.min(due - now, TimeUnit.MILLISECONDS.toNanos(1)));
                continue;
            }
            slot++;
            if (now - due > LATE) {
                c.late.increment();
            }
            SimulatedPhone phone = idle.poll();
            if (phone == null) {
                c.notStarted.increment();
            } else {
                startOrRest(phone, c);
            }
        }
    }

    /** Starts the phone's next request if the run allows one; else it rests. */
    private void startOrRest(SimulatedPhone phone, Counters c) {
        if (!c.stopping && System.nanoTime() < c.deadline && c.started.incrementAndGet() <= c.load.maxRegistrations()) {
            phone.start(c.load.query());
        }
    }

    /**
     * A phone's request ended ({@code ok}: 200). Closed-loop, it starts again; paced, it waits
     * in line for the pacer; once per phone, only a phone without its success goes on.
     */
    void finished(SimulatedPhone phone, boolean ok) {
        Counters c = counters;
        if (c.load.oncePerPhone() && ok) {
            return;   // rests for the rest of this run
        }
        if (c.load.rate() > 0 && !c.load.oncePerPhone()) {
            idle.add(phone);
        } else {
            startOrRest(phone, c);
        }
    }

    Counters counters() {
        return counters;
    }

    /** Until every phone is idle and the pacer is done; times requests out and ends back-offs meanwhile. */
    private void waitUntilDone(Counters c, Thread pacer) {
        long hardStop = c.deadline + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < hardStop) {
            long now = System.nanoTime();
            boolean busy = pacer != null && pacer.isAlive();
            for (SimulatedPhone phone : phones) {
                busy |= phone.tick(now, timeout.toNanos());
            }
            if (!busy) {
                return;
            }
            sleep(20);
        }
    }

    void done(long startedAt, int status) {
        Counters c = counters;
        long now = System.nanoTime();
        if (status == 200) {
            c.latencies.record(now - startedAt);
            c.registered.increment();
        } else {
            c.failed.increment();
            c.byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
        c.lastDone.accumulateAndGet(now, Math::max);
    }

    private Optional<Duration> targetCpu() {
        return target.pid().isPresent() ? ProcessCpu.ofTree(target.pid().getAsLong()) : Optional.empty();
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpu(Thread t) {
        long n = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(t.threadId()) : -1;
        return Math.max(0, n);
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
            // The registrar may also send requests (NAT keepalives); only responses matter here.
            if (PARSER.parse(buffer.array(), 0, buffer.position()) instanceof ParseResult.Ok ok
                    && ok.message() instanceof SipResponse response) {
                SimulatedPhone phone = byCallId.get(response.callId());
                if (phone != null) {
                    phone.onResponse(response);
                }
            }
        }
    }

    @Override
    public void close() {
        Counters c = counters;
        if (c != null) {
            c.stopping = true;
        }
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }

    /** Sleeps {@code millis}; an interrupt ends the load with an {@link IllegalStateException}. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
