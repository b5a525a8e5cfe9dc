package dev.lifeline.drill.lab.storm;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line every second while a load runs, so a long run is visibly alive. */
public final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("bench-progress").unstarted(r));

    public Progress(PrintStream out, String label, Supplier<String> status) {
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> out.printf("  %-22s %3d s  %s%n", label,
                Math.round((System.nanoTime() - start) / 1e9), status.get()), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
