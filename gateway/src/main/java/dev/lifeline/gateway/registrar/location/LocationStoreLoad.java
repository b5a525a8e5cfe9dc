package dev.lifeline.gateway.registrar.location;

import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A registration storm against a store, for the bench module and the throughput test: {@code writers}
 * threads each apply {@code perWriter} one-binding changes and wait for each, as registrar
 * workers waiting to send their 200 OK do. Not a unit under test; it measures.
 */
public final class LocationStoreLoad {

    /** What a run achieved. */
    public record Result(int writers, int bindings, Duration elapsed) {
        public double perSecond() {
            return bindings / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d bindings by %d writers in %d ms: %.0f/s", bindings, writers, elapsed.toMillis(), perSecond());
        }
    }

    private LocationStoreLoad() {
    }

    /** Runs the storm; bindings are for AORs "load-w-i", expiring an hour after {@code now}. */
    public static Result run(LocationStore store, int writers, int perWriter, Instant now) {
        if (writers < 1 || perWriter < 1) {
            throw new IllegalArgumentException("writers and perWriter must be at least 1");
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> write(store, writer, perWriter, now)));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return new Result(writers, writers * perWriter, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a writer failed: " + e.getCause(), e.getCause());
        }
    }

    private static void write(LocationStore store, int writer, int count, Instant now) {
        for (int i = 0; i < count; i++) {
            Binding b = binding("load-" + writer + "-" + i, i, now);
            store.apply(List.of(new BindingChange.Upsert(b))).toCompletableFuture().join();
        }
    }

    /** A plausible UDP phone binding. */
    public static Binding binding(String aor, int n, Instant now) {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 20_000 + n % 40_000);
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
        SipUri contact = SipUri.of(aor, "192.168.1.10", 5060);
        return new Binding(aor, contact.toString(), contact, OptionalDouble.empty(), now.plus(Duration.ofHours(1)),
                "call-" + aor, 1, new Flow(Transport.UDP, remote, local, Optional.empty()), Optional.empty(),
                OptionalInt.empty(), "load", now);
    }
}
