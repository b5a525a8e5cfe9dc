package dev.lifeline.sip.stack;

import dev.lifeline.sip.transaction.TimerScheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/** Virtual time in milliseconds: tasks run only when the test advances past their due time. */
final class FakeScheduler implements TimerScheduler {

    private record Task(long due, long order, Runnable body, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due() == b.due() ? Long.compare(a.order(), b.order()) : Long.compare(a.due(), b.due()));
    private long now;
    private long order;

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable body) {
        Task task = new Task(now + delay.toMillis(), order++, body, new boolean[1]);
        queue.add(task);
        return () -> {
            task.cancelled()[0] = true;
            queue.remove(task);
        };
    }

    /** Runs every task due by now + {@code millis}, including those they schedule. */
    void advance(long millis) {
        long until = now + millis;
        Task next;
        while ((next = queue.peek()) != null && next.due() <= until) {
            queue.poll();
            now = next.due();
            if (!next.cancelled()[0]) {
                next.body().run();
            }
        }
        now = until;
    }

    long now() {
        return now;
    }

    int pending() {
        return queue.size();
    }
}
