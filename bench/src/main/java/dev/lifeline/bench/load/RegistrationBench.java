package dev.lifeline.bench.load;

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
import java.net.InetSocketAddress;
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
     * @param duration         measured time per gateway (after {@code warmup})
     * @param maxRegistrations count bound per gateway
     * @param storeWriters     threads of the store-alone load, each writing {@code storeWrites} bindings
     */
    public record Options(int phones, Duration duration, int maxRegistrations, Duration warmup, int storeWriters,
                          int storeWrites) {

        public static Options defaults() {
            return new Options(200, Duration.ofSeconds(10), 1_000_000, Duration.ofSeconds(2), 16, 200);
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

    private static final GatewayPlugins IN_MEMORY =
            GatewayPlugins.DEFAULT.withLocations((database, events, now) -> new MemoryLocationStore(events));

    private RegistrationBench() {
    }

    public static Report run(Options o, PrintStream out) throws GatewayStartException {
        out.printf("Registrations with digest: %d phones, %d s per gateway (after %d s warm-up), at most %d each%n",
                o.phones(), o.duration().toSeconds(), o.warmup().toSeconds(), o.maxRegistrations());
        try (TempStorage storage = new TempStorage("lifeline-bench-registrations")) {
            RegisterStorm.Result durable;
            RegisterStorm.Result memory;
            try (Gateway sqlite = Gateway.start(BenchSite.config(o.phones(), storage.resolve("sqlite")));
                 Gateway inMemory = Gateway.start(BenchSite.config(o.phones(), storage.resolve("memory")), IN_MEMORY)) {
                if (o.warmup().isPositive()) {
                    storm(sqlite, o, o.warmup(), out, "warm-up, SQLite");
                    storm(inMemory, o, o.warmup(), out, "warm-up, memory");
                }
                durable = storm(sqlite, o, o.duration(), out, "gateway, SQLite");
                memory = storm(inMemory, o, o.duration(), out, "gateway, memory");
            }
            out.printf("  store alone: %d writers x %d bindings each%n", o.storeWriters(), o.storeWrites());
            LocationStoreLoad.Result storeDurable;
            try (SqliteDatabase database = SqliteDatabase.open(storage.resolve("store"))) {
                storeDurable = storeLoad(SqliteLocationStore.open(database, EventSink.discarding(), Instant.now()), o);
            }
            LocationStoreLoad.Result storeMemory = storeLoad(new MemoryLocationStore(EventSink.discarding()), o);
            Report report = new Report(o, durable, memory, storeDurable, storeMemory);
            print(report, out);
            return report;
        }
    }

    private static RegisterStorm.Result storm(Gateway g, Options o, Duration duration, PrintStream out, String label) {
        return RegisterStorm.run(new RegisterStorm.Settings(udpAddress(g), o.phones(), duration, o.maxRegistrations(),
                Duration.ofSeconds(2)), out, label);
    }

    static InetSocketAddress udpAddress(Gateway g) {
        return g.listenPoints().stream().filter(p -> p.transport() == Transport.UDP).findFirst().orElseThrow().address();
    }

    private static LocationStoreLoad.Result storeLoad(LocationStore store, Options o) {
        return LocationStoreLoad.run(store, o.storeWriters(), o.storeWrites(), Instant.now());
    }

    private static void print(Report r, PrintStream out) {
        out.println();
        out.printf("%-34s %10s %9s %9s %9s %9s%n", "registrations (REGISTER/401/200)", "per s", "p50 ms", "p95 ms",
                "p99 ms", "failures");
        row(out, "gateway, SQLite store (durable)", r.durable());
        row(out, "gateway, memory store (peer)", r.memory());
        out.printf("%-34s %10.0f%n", "SQLite store alone", r.storeDurable().perSecond());
        out.printf("%-34s %10.0f%n", "memory store alone (peer)", r.storeMemory().perSecond());
        out.printf("durable / memory: %.2fx through the gateway, %.4fx for the store alone%n",
                r.gatewayRatio(), r.storeRatio());
        long failures = r.durable().failures() + r.memory().failures();
        out.printf("Verdict: with every binding committed to SQLite before its 200 OK the gateway registers %.0f phones/s,"
                        + " %.0f %% of what it does with a memory store (%.0f/s)%s.%n",
                r.durable().perSecond(), 100 * r.gatewayRatio(), r.memory().perSecond(),
                failures == 0 ? ", with no failures" : "; " + failures + " registrations failed or timed out");
    }

    private static void row(PrintStream out, String name, RegisterStorm.Result r) {
        out.printf("%-34s %10.0f %9.2f %9.2f %9.2f %9d%n", name, r.perSecond(), r.latency().p50(), r.latency().p95(),
                r.latency().p99(), r.failures());
    }
}
