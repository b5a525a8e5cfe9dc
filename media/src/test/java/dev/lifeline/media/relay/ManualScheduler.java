package dev.lifeline.media.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler that runs nothing until the test says so. */
final class ManualScheduler implements Scheduler {

    private final List<Runnable> periodic = new ArrayList<>();
    private final List<Runnable> once = new ArrayList<>();

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        once.add(task);
        return () -> remove(once, task);
    }

    @Override
    public synchronized Cancellable every(Duration period, Runnable task) {
        periodic.add(task);
        return () -> remove(periodic, task);
    }

    /** One period of every periodic task. */
    void tick() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = List.copyOf(periodic);
        }
        tasks.forEach(Runnable::run);
    }

    /** Runs and forgets every one-shot task. */
    void runDue() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = List.copyOf(once);
            once.clear();
        }
        tasks.forEach(Runnable::run);
    }

    private synchronized void remove(List<Runnable> list, Runnable task) {
        list.remove(task);
    }
}
