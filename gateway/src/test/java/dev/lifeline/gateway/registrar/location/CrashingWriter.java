package dev.lifeline.gateway.registrar.location;

import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link LocationStoreCrashTest}: registers bindings from several threads
 * and prints "ACKED aor END" as soon as each apply stage completes, until it is killed. Never
 * closes the store: the parent kills it with SIGKILL mid-stream.
 */
public final class CrashingWriter {

    /** Bindings expire long after any test run, so the parent's clock never drops them. */
    static final Instant NOW = Instant.parse("2090-01-01T00:00:00Z");

    private CrashingWriter() {
    }

    /** args: storage directory, writer threads, bindings per writer. */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        int perWriter = Integer.parseInt(args[2]);
        SqliteDatabase db = SqliteDatabase.open(dir);
        SqliteLocationStore store = SqliteLocationStore.open(db, EventSink.discarding(), NOW);
        PrintStream out = System.out;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perWriter; i++) {
                    String aor = "crash-" + writer + "-" + i;
                    store.apply(List.of(new BindingChange.Upsert(LocationStoreLoad.binding(aor, i, NOW))))
                            .toCompletableFuture().join();
                    synchronized (out) {
                        out.println("ACKED " + aor + " END");
                        out.flush();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println("DONE");
        out.flush();
    }
}
