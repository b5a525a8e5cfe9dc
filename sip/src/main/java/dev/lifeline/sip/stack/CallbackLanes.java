package dev.lifeline.sip.stack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's one callback thread, fed from two lanes. The urgent lane carries what the
 * gateway's own transactions need (responses to its probes, trunk REGISTERs and calls,
 * timeouts, ACKs, internal work); the request lane carries new requests from outside. The
 * thread always empties the urgent lane first, so a flood of inbound requests delays only
 * other inbound requests, never the answers that tell the gateway its WAN paths are alive.
 * Between the two, a short first-request lane carries the inbound requests admission says go
 * first (emergency calls): up to {@value #FIRST_LANE_MAX} wait there; more go to the request
 * lane, so requests that claim to go first cannot starve the others.
 * One thread keeps the callbacks' old guarantee: the TU never runs two at once.
 *
 * <p>The request lane's oldest wait is the stack's load signal for admission control.
 */
final class CallbackLanes {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackLanes.class);

    private record Timed(Runnable task, long queuedAt) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final Condition stopped = lock.newCondition();
    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    private final ArrayDeque<Runnable> first = new ArrayDeque<>();
    private final ArrayDeque<Timed> requests = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    private final Thread thread;
    private boolean shutdown;
    private boolean terminated;

    CallbackLanes(String name, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Work that must not wait behind inbound requests. */
    void urgent(Runnable task) {
        add(() -> urgent.add(task));
    }

    /** Requests the first-request lane holds at most; later ones queue as any request. */
    static final int FIRST_LANE_MAX = 16;

    /** A new inbound request for the TU. */
    void request(Runnable task) {
        request(task, false);
    }

    /** A new inbound request for the TU; with {@code goesFirst}, ahead of the requests waiting (within limits). */
    void request(Runnable task, boolean goesFirst) {
        add(() -> {
            if (goesFirst && first.size() < FIRST_LANE_MAX) {
                first.add(task);
            } else {
                requests.add(new Timed(task, nanoTime.getAsLong()));
            }
        });
    }

    /**
     * The request lane as admission sees it, read under one lock: how many wait and how long
     * the oldest has (zero when none waits).
     */
    AdmissionControl.Load load(int inProgress) {
        lock.lock();
        try {
            Timed head = requests.peek();
            Duration oldest = head == null ? Duration.ZERO
                    : Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - head.queuedAt()));
            return new AdmissionControl.Load(inProgress, requests.size(), oldest);
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is queued, then stops; later tasks are refused. */
    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued and interrupts the running task. */
    void shutdownNow() {
        lock.lock();
        try {
            shutdown = true;
            urgent.clear();
            first.clear();
            requests.clear();
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!terminated) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = stopped.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(Runnable enqueue) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("callback thread stopped");
            }
            enqueue.run();
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            Runnable next;
            while ((next = take()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.error("stack callback failed", e);
                }
            }
        } finally {
            lock.lock();
            try {
                terminated = true;
                stopped.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next task, urgent first; null once shut down and empty (or interrupted). */
    private Runnable take() {
        lock.lock();
        try {
            while (true) {
                Runnable u = urgent.poll();
                if (u != null) {
                    return u;
                }
                Runnable f = first.poll();
                if (f != null) {
                    return f;
                }
                Timed r = requests.poll();
                if (r != null) {
                    return r.task();
                }
                if (shutdown) {
                    return null;
                }
                nonEmpty.await();
            }
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }
}
