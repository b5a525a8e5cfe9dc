package dev.lifeline.media.relay;

import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The production {@link Scheduler}: Netty's timer on the relay's own event loops. */
final class EventLoopScheduler implements Scheduler {

    private final EventExecutorGroup group;

    EventLoopScheduler(EventExecutorGroup group) {
        this.group = group;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Future<?> f = group.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable every(Duration period, Runnable task) {
        Future<?> f = group.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
