package dev.lifeline.gateway.events;

import dev.lifeline.gateway.config.EventLogSettings;
import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.sip.logging.LogLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log: a table (id, time, type, JSON payload, occurrences) in the gateway's SQLite
 * file. Appends go through the database's group-commit writer — the same one the location
 * store uses — so an event costs no fsync of its own: it rides in the transaction of whatever
 * else is committing, and events keep the order they were accepted in. {@link #accept} does
 * not wait; {@link #append} returns the stage for callers that must know the event is durable.
 *
 * <p>The log is bounded, because anyone who can send a packet can cause an event. Repeats of
 * such events from one source fold into one row with a count ({@link RepeatFolding}); counts
 * reach the database every {@link #COUNT_INTERVAL} and on {@link #flush}. Rows older than the
 * configured age, and the oldest beyond the configured number, are deleted every
 * {@link #RETENTION_INTERVAL}, {@value #DELETE_BATCH} at a time on the writer thread, so that
 * other writes keep committing in between.
 */
public final class SqliteEventLog implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(SqliteEventLog.class);
    /** Under a storm every event could fail the same way: one line per kind per interval. */
    private static final LogLimiter LIMITER = LogLimiter.system();
    /** What {@link #since(Instant)} returns at most, so a query cannot exhaust memory. */
    public static final int DEFAULT_LIMIT = 10_000;
    /** Folded sources tracked at once per window; beyond, sources share one row per kind. */
    static final int MAX_FOLDED_SOURCES = 64;
    static final Duration COUNT_INTERVAL = Duration.ofSeconds(1);
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);
    /** Rows per delete: a few milliseconds of the writer's time. */
    static final int DELETE_BATCH = 2000;

    private final SqliteDatabase database;
    /** Swapped whole by {@link #retain}; the repeat window is fixed at start (folding is built with it). */
    private volatile EventLogSettings settings;
    private final InstantSource clock;
    private final RepeatFolding folding;
    private final EventJson json = new EventJson();
    /** Readers of the live stream (metrics): each event reaches them before folding, so they count every repeat. */
    private final List<EventSink> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A log with the default retention and folding, on the system clock. */
    public SqliteEventLog(SqliteDatabase database) {
        this(database, EventLogSettings.DEFAULT, InstantSource.system());
    }

    public SqliteEventLog(SqliteDatabase database, EventLogSettings settings, InstantSource clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.folding = new RepeatFolding(settings.repeatWindow(), MAX_FOLDED_SOURCES);
    }

    /**
     * Writes repeat counts every {@link #COUNT_INTERVAL} and enforces retention every
     * {@link #RETENTION_INTERVAL} (first a minute after start), from {@code scheduler}: the work
     * itself runs on the database's writer thread, so the scheduler only queues it.
     */
    public void schedule(ScheduledExecutorService scheduler) {
        long counts = COUNT_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("writing repeat counts", () -> writeCounts(folding.due(clock.instant()))),
                counts, counts, TimeUnit.MILLISECONDS);
        long retention = RETENTION_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("event retention", () -> enforceRetention(clock.instant())),
                Duration.ofMinutes(1).toMillis(), retention, TimeUnit.MILLISECONDS);
    }

    @Override
    public void accept(Event event) {
        append(event).exceptionally(e -> {
            LIMITER.admit("event not logged", event.type()).ifPresent(held ->
                    log.warn("event {} not logged: {}{}", event.type(), e.toString(), LogLimiter.heldBack(held)));
            return null;
        });
    }

    /**
     * Hands every event accepted from now on to {@code subscriber} as well, on the thread that
     * accepts it and before repeats fold, so a counter sees each occurrence. A subscriber must
     * be quick and must not block; one that throws is logged and does not stop the event.
     */
    public void subscribe(EventSink subscriber) {
        subscribers.add(java.util.Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * Keeps rows by {@code next}'s keepFor and maxRows from the next retention round on. Its
     * repeatWindow must be the one this log started with (change control refuses a change of it).
     */
    public void retain(EventLogSettings next) {
        if (!next.repeatWindow().equals(settings.repeatWindow())) {
            throw new IllegalArgumentException("events.repeatWindow changes only with a restart");
        }
        settings = next;
    }

    /**
     * Queues the event; the stage completes once it is committed. A repeat folded into an open
     * row completes at once: its count is written with the next {@link #flush} or within
     * {@link #COUNT_INTERVAL}.
     */
    public CompletableFuture<Void> append(Event event) {
        for (EventSink subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LIMITER.admit("event subscriber failed", event.type()).ifPresent(held ->
                        log.warn("a reader of event {} failed: {}{}", event.type(), e.toString(), LogLimiter.heldBack(held)));
            }
        }
        return switch (folding.offer(event)) {
            case RepeatFolding.Folded folded -> CompletableFuture.completedFuture(null);
            case RepeatFolding.Insert insert -> insert(event, insert.row());
        };
    }

    private CompletableFuture<Void> insert(Event event, Optional<RepeatFolding.Row> row) {
        String payload = json.encode(event);
        long at = Instants.toNanos(event.at());
        String type = event.type();
        boolean many = row.map(RepeatFolding.Row::manySources).orElse(false);
        return database.writer().submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO event (at, type, payload, many_sources) VALUES (?, ?, ?, ?)")) {
                s.setLong(1, at);
                s.setString(2, type);
                s.setString(3, payload);
                s.setInt(4, many ? 1 : 0);
                s.executeUpdate();
            }
            if (row.isPresent()) {
                row.get().id(lastRowId(c));
            }
        });
    }

    private static long lastRowId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Completes when every event accepted so far is committed, repeat counts included. */
    public CompletableFuture<Void> flush() {
        writeCounts(folding.all());
        return database.writer().flush();
    }

    private void writeCounts(List<RepeatFolding.Count> counts) {
        if (counts.isEmpty()) {
            return;
        }
        database.writer().submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE event SET occurrences = ?, last_at = ? WHERE id = ?")) {
                for (RepeatFolding.Count count : counts) {
                    // The row's INSERT was queued before this (the queue keeps order), so its id is
                    // known unless that INSERT failed; then the count has no row to go to.
                    long id = count.row().id();
                    if (id >= 0) {
                        s.setLong(1, count.count());
                        s.setLong(2, Instants.toNanos(count.last()));
                        s.setLong(3, id);
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        }, () -> counts.forEach(folding::written)).exceptionally(e -> {
            LIMITER.admit("repeat counts not logged", null).ifPresent(held ->
                    log.warn("repeat counts of {} events not logged: {}{}", counts.size(), e.toString(),
                            LogLimiter.heldBack(held)));
            return null;
        });
    }

    /**
     * Deletes rows older than the configured age, then the oldest beyond the configured number.
     *
     * @return how many rows were deleted
     */
    public CompletableFuture<Long> enforceRetention(Instant now) {
        long cutoff = Instants.toNanos(now.minus(settings.keepFor()));
        AtomicLong deleted = new AtomicLong();
        return batches(deleted, c -> deleteOlder(c, cutoff))
                .thenCompose(ignored -> beyondMaxRows(deleted))
                .thenApply(ignored -> deleted.get());
    }

    private CompletableFuture<Void> beyondMaxRows(AtomicLong deleted) {
        AtomicLong excess = new AtomicLong();
        return database.writer().submit(c -> excess.set(count(c) - settings.maxRows()))
                .thenCompose(ignored -> excess.get() <= 0 ? CompletableFuture.completedFuture(null)
                        : batches(deleted, c -> {
                            long n = deleteOldest(c, Math.max(0, Math.min(excess.get(), DELETE_BATCH)));
                            excess.addAndGet(-n);
                            return n;
                        }));
    }

    /** One delete of up to {@value #DELETE_BATCH} rows. */
    @FunctionalInterface
    private interface Batch {
        long run(Connection c) throws SQLException;
    }

    /** Runs {@code batch} as separate writes, so others commit in between, until one deletes less than a full batch. */
    private CompletableFuture<Void> batches(AtomicLong deleted, Batch batch) {
        AtomicLong last = new AtomicLong();
        return database.writer().submit(c -> last.set(batch.run(c))).thenCompose(ignored -> {
            deleted.addAndGet(last.get());
            return last.get() >= DELETE_BATCH ? batches(deleted, batch) : CompletableFuture.completedFuture(null);
        });
    }

    private static long deleteOlder(Connection c, long cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM event WHERE id IN (SELECT id FROM event WHERE at < ? ORDER BY at LIMIT ?)")) {
            s.setLong(1, cutoff);
            s.setInt(2, DELETE_BATCH);
            return s.executeUpdate();
        }
    }

    private static long deleteOldest(Connection c, long rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM event WHERE id IN (SELECT id FROM event ORDER BY id LIMIT ?)")) {
            s.setLong(1, rows);
            return s.executeUpdate();
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM event")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round may succeed.
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    /** Events at or after {@code from}, oldest first, at most {@link #DEFAULT_LIMIT}. */
    public List<LoggedEvent> since(Instant from) {
        return since(from, DEFAULT_LIMIT);
    }

    /** Events at or after {@code from}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> since(Instant from, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM event WHERE at >= ? ORDER BY at, id LIMIT ?")) {
                s.setLong(1, Instants.toNanos(from));
                s.setInt(2, limit);
                return rows(s);
            }
        });
    }

    /** The last {@code n} events appended, oldest first. */
    public List<LoggedEvent> latest(int n) {
        List<LoggedEvent> newestFirst = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM event ORDER BY id DESC LIMIT ?")) {
                s.setInt(1, n);
                return rows(s);
            }
        });
        List<LoggedEvent> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    /** How many rows the log holds now (a row may count many events). */
    public long rowCount() {
        return database.read(SqliteEventLog::count);
    }

    private static final String COLUMNS = "id, type, payload, occurrences, last_at, many_sources";

    private List<LoggedEvent> rows(PreparedStatement s) throws SQLException {
        List<LoggedEvent> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String type = rs.getString(2);
                long occurrences = rs.getLong(4);
                long lastAt = rs.getLong(5);
                boolean lastKnown = !rs.wasNull();
                boolean many = rs.getInt(6) != 0;
                json.decode(type, rs.getString(3)).ifPresentOrElse(
                        e -> out.add(new LoggedEvent(id, e, Math.max(1, occurrences),
                                lastKnown ? Instants.fromNanos(lastAt) : e.at(), many)),
                        // A type this version no longer knows; the row stays for a later reader.
                        () -> log.debug("skipping event {} of unknown type {}", id, type));
            }
        }
        return out;
    }
}
