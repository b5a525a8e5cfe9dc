package dev.lifeline.gateway.tls;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Records periodic tasks instead of running them; the test runs a round by hand. */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {

    record Periodic(Runnable task, long initialDelay, long period, TimeUnit unit, ScheduledFuture<?> future) {
    }

    final List<Periodic> periodic = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        ScheduledFuture<?> never = super.schedule(() -> { }, 3650, TimeUnit.DAYS); // a real, cancellable handle
        periodic.add(new Periodic(task, initialDelay, period, unit, never));
        return never;
    }
}
