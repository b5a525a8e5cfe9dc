package dev.lifeline.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import dev.lifeline.sip.logging.LogLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes to the database. Callers {@link #submit} writes and get a stage
 * that completes once the write is committed — durably, with {@code synchronous=FULL}. The
 * thread takes every write waiting in the queue, runs them in one transaction and commits
 * once, so many callers share one fsync (group commit).
 *
 * <p>A failing write must not take the others of its batch down with it: when a batch fails,
 * it is rolled back and each write is retried in a transaction of its own, so only the faulty
 * one fails.
 *
 * <p>The queue is bounded: when it is full, {@code submit} returns a failed stage at once
 * ({@link RejectedExecutionException}), which the registrar turns into a 503 instead of
 * letting memory grow under a storm.
 */
public final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** A failing disk fails every write the same way: one line per interval, with the count. */
    private static final LogLimiter LIMITER = LogLimiter.system();
    /** Caps the transaction size, so one commit never holds the WAL for long. */
    private static final int MAX_BATCH = 4096;

    private final Connection connection;
    private final BlockingQueue<Job> queue;
    private final Thread thread;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile int largestBatch;
    private final Object lifecycle = new Object();
    private boolean closed;

    /** One queued write, and what to run after its commit (in commit order, on this thread). */
    private record Job(SqlWrite write, Runnable afterCommit, CompletableFuture<Void> done) {
    }

    private static final Job STOP = new Job(c -> { }, () -> { }, new CompletableFuture<>());

    /**
     * @param connection a connection with auto-commit off, owned by this writer from now on
     * @param capacity   how many writes may wait; beyond that submit fails fast
     * @param name       the thread's name, for thread dumps
     */
    public GroupCommitWriter(Connection connection, int capacity, String name) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.connection = connection;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * Queues a write. The stage completes after the COMMIT that contains it, and after
     * {@code afterCommit} ran; afterCommit hooks run on the writer thread in commit order, so a
     * cache updated there never goes back to an older value.
     */
    public CompletableFuture<Void> submit(SqlWrite write, Runnable afterCommit) {
        Job job = new Job(write, afterCommit, new CompletableFuture<>());
        // Under the lock so that no write slips in behind STOP and waits forever.
        synchronized (lifecycle) {
            if (closed) {
                return CompletableFuture.failedFuture(new RejectedExecutionException("storage writer is closed"));
            }
            if (!queue.offer(job)) {
                failed.incrementAndGet();
                return CompletableFuture.failedFuture(new RejectedExecutionException(
                        "storage writer queue is full (" + queue.size() + " writes waiting)"));
            }
        }
        return job.done;
    }

    public CompletableFuture<Void> submit(SqlWrite write) {
        return submit(write, () -> { });
    }

    /** Completes when every write submitted before it is committed. */
    public CompletableFuture<Void> flush() {
        return submit(c -> { });
    }

    public WriterStats stats() {
        return new WriterStats(writes.get(), transactions.get(), largestBatch, failed.get());
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
        failRemaining();
    }

    private void commit(List<Job> batch) {
        try {
            for (Job job : batch) {
                job.write.run(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (batch.size() == 1) {
                fail(batch.get(0), e);
            } else {
                log.warn("storage batch of {} writes failed ({}); retrying them one by one", batch.size(), e.toString());
                for (Job job : batch) {
                    commit(List.of(job));
                }
            }
            return;
        }
        committed(batch);
    }

    private void committed(List<Job> batch) {
        transactions.incrementAndGet();
        writes.addAndGet(batch.size());
        if (batch.size() > largestBatch) {
            largestBatch = batch.size();
        }
        for (Job job : batch) {
            try {
                job.afterCommit.run();
            } catch (RuntimeException e) {
                // The write is durable whatever the hook did; say so rather than fail the caller.
                log.error("after-commit hook failed", e);
            }
            job.done.complete(null);
        }
    }

    private void fail(Job job, Exception e) {
        failed.incrementAndGet();
        LIMITER.admit("storage write failed", null).ifPresent(held ->
                log.warn("storage write failed: {}{}", e.toString(), LogLimiter.heldBack(held)));
        job.done.completeExceptionally(new StorageException("write failed: " + e.getMessage(), e));
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.error("rollback failed", e);
        }
    }

    private void failRemaining() {
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        for (Job job : left) {
            if (job != STOP) {
                job.done.completeExceptionally(new RejectedExecutionException("storage writer stopped"));
            }
        }
    }

    /** Commits what is queued, stops the thread and closes the connection. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            // Waits for room when the queue is full; nothing else can be added any more.
            queue.put(STOP);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the write connection failed", e);
            }
        }
    }
}
