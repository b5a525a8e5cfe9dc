package dev.lifeline.gateway.events;

import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log: an append-only table (id, time, type, JSON payload) in the gateway's SQLite
 * file. Appends go through the database's group-commit writer — the same one the location
 * store uses — so an event costs no fsync of its own: it rides in the transaction of whatever
 * else is committing, and events keep the order they were accepted in. {@link #accept} does
 * not wait; {@link #append} returns the stage for callers that must know the event is durable.
 */
public final class SqliteEventLog implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(SqliteEventLog.class);
    /** What {@link #since(Instant)} returns at most, so a query cannot exhaust memory. */
    public static final int DEFAULT_LIMIT = 10_000;

    private final SqliteDatabase database;
    private final EventJson json = new EventJson();

    public SqliteEventLog(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void accept(Event event) {
        append(event).exceptionally(e -> {
            log.warn("event {} not logged: {}", event.type(), e.toString());
            return null;
        });
    }

    /** Queues the event; the stage completes once it is committed. */
    public CompletableFuture<Void> append(Event event) {
        String payload = json.encode(event);
        long at = Instants.toNanos(event.at());
        String type = event.type();
        return database.writer().submit(c -> insert(c, at, type, payload));
    }

    private static void insert(Connection c, long at, String type, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event (at, type, payload) VALUES (?, ?, ?)")) {
            s.setLong(1, at);
            s.setString(2, type);
            s.setString(3, payload);
            s.executeUpdate();
        }
    }

    /** Completes when every event accepted so far is committed. */
    public CompletableFuture<Void> flush() {
        return database.writer().flush();
    }

    /** Events at or after {@code from}, oldest first, at most {@link #DEFAULT_LIMIT}. */
    public List<LoggedEvent> since(Instant from) {
        return since(from, DEFAULT_LIMIT);
    }

    /** Events at or after {@code from}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> since(Instant from, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, type, payload FROM event WHERE at >= ? ORDER BY at, id LIMIT ?")) {
                s.setLong(1, Instants.toNanos(from));
                s.setInt(2, limit);
                return rows(s);
            }
        });
    }

    /** The last {@code n} events appended, oldest first. */
    public List<LoggedEvent> latest(int n) {
        List<LoggedEvent> newestFirst = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, type, payload FROM event ORDER BY id DESC LIMIT ?")) {
                s.setInt(1, n);
                return rows(s);
            }
        });
        List<LoggedEvent> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    private List<LoggedEvent> rows(PreparedStatement s) throws SQLException {
        List<LoggedEvent> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String type = rs.getString(2);
                json.decode(type, rs.getString(3)).ifPresentOrElse(
                        e -> out.add(new LoggedEvent(id, e)),
                        // A type this version no longer knows; the row stays for a later reader.
                        () -> log.debug("skipping event {} of unknown type {}", id, type));
            }
        }
        return out;
    }
}
