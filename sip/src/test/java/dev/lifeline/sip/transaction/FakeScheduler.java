package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;

/** Virtual time: tasks run only when a test advances the clock past their due instant. */
final class FakeScheduler implements TimerScheduler, InstantSource {

    private static final class Task {
        final Instant due;
        final long order;
        final Runnable body;
        boolean cancelled;

        Task(Instant due, long order, Runnable body) {
            this.due = due;
            this.order = order;
            this.body = body;
        }
    }

    private final Instant start;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
    private Instant now;
    private long order;

    FakeScheduler(Instant start) {
        this.start = start;
        this.now = start;
    }

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable body) {
        Task task = new Task(now.plus(delay), order++, body);
        queue.add(task);
        return () -> {
            task.cancelled = true;
            queue.remove(task);
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Runs every task due within {@code by}, in due order, including tasks they schedule. */
    void advance(Duration by) {
        Instant until = now.plus(by);
        Task next;
        while ((next = queue.peek()) != null && !next.due.isAfter(until)) {
            queue.poll();
            now = next.due;
            if (!next.cancelled) {
                next.body.run();
            }
        }
        now = until;
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Milliseconds since the scheduler was created. */
    long elapsedMillis() {
        return Duration.between(start, now).toMillis();
    }

    /** Tasks scheduled and neither run nor cancelled. */
    int pending() {
        return queue.size();
    }
}
