package dev.lifeline.bench.load;

import dev.lifeline.drill.lab.storm.Latencies;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.GatewayPlugins;
import dev.lifeline.gateway.GatewayStartException;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.gateway.registrar.location.LocationStoreLoad;
import dev.lifeline.gateway.registrar.location.MemoryLocationStore;
import dev.lifeline.gateway.registrar.location.SqliteLocationStore;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.sip.transport.Transport;
import java.io.PrintStream;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code lifeline bench registrations}: REGISTERs with digest from many phones against a real
 * gateway whose 200 OK waits for the binding's COMMIT in SQLite, and, in the same run, the same
 * load against a gateway whose location store is in memory. The ratio is what durability
 * costs. The two stores are also loaded alone ({@link LocationStoreLoad}), without SIP.
 */
public final class RegistrationBench {

    /**
     * @param phones           simulated phones, each with one registration in flight
     * @param duration         measured time per store (in rounds, each on a fresh gateway, after {@code warmup})
     * @param maxRegistrations count bound per round
     * @param storeWriters     threads of the store-alone load, each writing {@code storeWrites} bindings
     */
    public record Options(int phones, Duration duration, int maxRegistrations, Duration warmup, int storeWriters,
                          int storeWrites) {

        public static Options defaults() {
            return new Options(200, Duration.ofSeconds(8), 1_000_000, Duration.ofSeconds(2), 16, 200);
        }

        public Options withPhones(int n) {
            return new Options(n, duration, maxRegistrations, warmup, storeWriters, storeWrites);
        }

        public Options withDuration(Duration d) {
            return new Options(phones, d, maxRegistrations, warmup, storeWriters, storeWrites);
        }

        public Options withMaxRegistrations(int n) {
            return new Options(phones, duration, n, warmup, storeWriters, storeWrites);
        }

        public Options withWarmup(Duration d) {
            return new Options(phones, duration, maxRegistrations, d, storeWriters, storeWrites);
        }

        public Options withStoreLoad(int writers, int writes) {
            return new Options(phones, duration, maxRegistrations, warmup, writers, writes);
        }
    }

    public record Report(Options options, RegisterStorm.Result durable, RegisterStorm.Result memory,
                         LocationStoreLoad.Result storeDurable, LocationStoreLoad.Result storeMemory) {

        public double gatewayRatio() {
            return durable.perSecond() / memory.perSecond();
        }

        public double storeRatio() {
            return storeDurable.perSecond() / storeMemory.perSecond();
        }
    }

    private static final int ROUNDS = 4;
    private static final GatewayPlugins IN_MEMORY =
            GatewayPlugins.DEFAULT.withLocations((database, events, now) -> new MemoryLocationStore(events));

    private RegistrationBench() {
    }

    public static Report run(Options o, PrintStream out) throws GatewayStartException {
        out.printf("Registrations with digest: %d phones, %d s per store in %d rounds (after %d s warm-up),"
                + " at most %d per round%n", o.phones(), o.duration().toSeconds(), ROUNDS, o.warmup().toSeconds(),
                o.maxRegistrations());
        try (TempStorage storage = new TempStorage("lifeline-bench-registrations")) {
            if (o.warmup().isPositive()) {
                // On gateways of their own, so each measured gateway starts with an empty transaction table.
                side(o, o.warmup(), storage.resolve("warm-sqlite"), GatewayPlugins.DEFAULT, out, "warm-up, SQLite");
                side(o, o.warmup(), storage.resolve("warm-memory"), IN_MEMORY, out, "warm-up, memory");
            }
            // Alternating rounds (SQLite, memory, SQLite, memory, ...), so that neither side gets the JIT's or
            // the machine's better moments systematically; each on a fresh gateway, so that no round fills
            // the transaction table that the one before left behind (see the note printed below).
            Duration round = o.duration().dividedBy(ROUNDS);
            RegisterStorm.Result durable = null;
            RegisterStorm.Result memory = null;
            for (int i = 1; i <= ROUNDS; i++) {
                String of = " (" + i + "/" + ROUNDS + ")";
                RegisterStorm.Result d = side(o, round, storage.resolve("sqlite-" + i), GatewayPlugins.DEFAULT, out,
                        "gateway, SQLite" + of);
                RegisterStorm.Result m = side(o, round, storage.resolve("memory-" + i), IN_MEMORY, out, "gateway, memory" + of);
                durable = durable == null ? d : durable.plus(d);
                memory = memory == null ? m : memory.plus(m);
            }
            out.printf("  store alone: %d writers x %d bindings each%n", o.storeWriters(), o.storeWrites());
            LocationStoreLoad.Result storeDurable;
            try (SqliteDatabase database = SqliteDatabase.open(storage.resolve("store"))) {
                storeDurable = storeLoad(SqliteLocationStore.open(database, EventSink.discarding(), Instant.now()), o);
            }
            LocationStoreLoad.Result storeMemory = storeLoad(new MemoryLocationStore(EventSink.discarding()), o);
            Report report = new Report(o, durable, memory, storeDurable, storeMemory);
            print(report, BenchSite.config(1, storage.root).signalling().timers(), out);
            return report;
        }
    }

    private static RegisterStorm.Result side(Options o, Duration duration, Path storage, GatewayPlugins plugins,
                                             PrintStream out, String label) throws GatewayStartException {
        try (Gateway g = Gateway.start(BenchSite.config(o.phones(), storage), plugins)) {
            try (RegisterStorm storm = RegisterStorm.open(BenchSite.target("gateway", udpAddress(g)), o.phones(),
                    Duration.ofSeconds(4))) {
                return storm.run(RegisterStorm.Load.closedLoop(duration, o.maxRegistrations()), out, label);
            }
        }
    }

    static InetSocketAddress udpAddress(Gateway g) {
        return g.listenPoints().stream().filter(p -> p.transport() == Transport.UDP).findFirst().orElseThrow().address();
    }

    private static LocationStoreLoad.Result storeLoad(LocationStore store, Options o) {
        return LocationStoreLoad.run(store, o.storeWriters(), o.storeWrites(), Instant.now());
    }

    private static void print(Report r, TimerConfig timers, PrintStream out) {
        out.println();
        out.printf("%-34s %10s %9s %9s %9s %9s %9s %9s%n", "registrations (REGISTER/401/200)", "per s", "p50 ms",
                "p95 ms", "p99 ms", "failures", "503s", "resent");
        row(out, "gateway, SQLite store (durable)", r.durable());
        row(out, "gateway, memory store (peer)", r.memory());
        out.printf("%-34s %10.0f%n", "SQLite store alone", r.storeDurable().perSecond());
        out.printf("%-34s %10.0f%n", "memory store alone (peer)", r.storeMemory().perSecond());
        out.printf("durable / memory: %.2fx through the gateway, %.4fx for the store alone%n",
                r.gatewayRatio(), r.storeRatio());
        long failures = r.durable().failures() + r.memory().failures();
        long refused = r.durable().refused() + r.memory().refused();
        out.printf("Verdict: with every binding committed to SQLite before its 200 OK the gateway registers %.0f phones/s,"
                        + " %.0f %% of what it does with a memory store (%.0f/s)%s.%n",
                r.durable().perSecond(), 100 * r.gatewayRatio(), r.memory().perSecond(),
                failures == 0 ? ", with no failures"
                        : "; " + failures + " registrations failed" + (refused > 0 ? " (" + refused
                        + " refused with 503 by admission control, so the ratio is not the store's alone)" : ""));
    }

    private static void row(PrintStream out, String name, RegisterStorm.Result r) {
        Latencies.Percentiles p = r.latency();
        out.printf("%-34s %10.0f %9.2f %9.2f %9.2f %9d %9d %9d%n", name, r.perSecond(), p.p50(), p.p95(), p.p99(),
                r.failures(), r.refused(), r.retransmissions());
    }
}
