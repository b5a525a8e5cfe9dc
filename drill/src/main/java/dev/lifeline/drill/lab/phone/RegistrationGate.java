package dev.lifeline.drill.lab.phone;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} registrations be in flight at once across a fleet, queueing the
 * rest in order: how a fleet of phones restarting together is paced, so that a drill measures
 * the gateway's admission control rather than a burst no real site produces at once.
 */
final class RegistrationGate {

    /** No limit: a phone on its own. */
    static final RegistrationGate UNLIMITED = new RegistrationGate(Integer.MAX_VALUE);

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    RegistrationGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the registration concurrency must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    <T> CompletionStage<T> submit(Supplier<CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletionStage<T> stage;
            try {
                stage = task.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < limit;
            if (now) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return waiting.size();
    }
}
