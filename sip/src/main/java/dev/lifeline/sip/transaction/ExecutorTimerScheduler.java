package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Transaction timers on a {@link ScheduledExecutorService}. Precise to the millisecond; fine
 * for a branch-office gateway's few thousand transactions. The executor belongs to the caller.
 */
public final class ExecutorTimerScheduler implements TimerScheduler {

    private final ScheduledExecutorService executor;

    public ExecutorTimerScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable task) {
        Future<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
