package dev.lifeline.gateway.registrar.location;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Bindings in the gateway's SQLite file, with every live binding also in memory for lookups.
 * Writes go through the database's group-commit writer: {@link #apply} completes after the
 * COMMIT (fsynced, {@code synchronous=FULL}), and the memory copy is updated on the writer
 * thread just before, so a lookup never sees a binding that could still be lost, and a 200 OK
 * sent on completion is backed by the disk.
 *
 * <p>At start the memory copy is rebuilt from the file; bindings that expired while the
 * gateway was down are deleted and reported as expired. Connection ids are not kept across a
 * restart (see {@link Flow}).
 */
public final class SqliteLocationStore implements LocationStore {

    private static final String UPSERT = """
            INSERT OR REPLACE INTO binding (aor, binding_key, contact, q, expires_at, call_id, cseq, transport,
                remote_host, remote_port, local_host, local_port, instance, reg_id, user_agent, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELETE = "DELETE FROM binding WHERE aor = ? AND binding_key = ?";
    private static final String DELETE_EXPIRED = "DELETE FROM binding WHERE aor = ? AND binding_key = ? AND expires_at <= ?";

    private final SqliteDatabase database;
    private final EventSink events;
    private final BindingCache cache = new BindingCache();

    private SqliteLocationStore(SqliteDatabase database, EventSink events) {
        this.database = database;
        this.events = events;
    }

    /**
     * Loads the bindings of {@code database}; those expired at {@code now} are purged.
     *
     * @param events where purged bindings are reported as {@link Event.BindingExpired}
     */
    public static SqliteLocationStore open(SqliteDatabase database, EventSink events, Instant now) {
        SqliteLocationStore store = new SqliteLocationStore(database, events);
        store.cache.apply(database.read(BindingRows::readAll).stream()
                .<BindingChange>map(BindingChange.Upsert::new).toList());
        store.purgeExpired(now);
        return store;
    }

    @Override
    public CompletionStage<Void> apply(List<BindingChange> changes) {
        List<BindingChange> copy = List.copyOf(changes);
        return database.writer().submit(c -> write(c, copy), () -> cache.apply(copy));
    }

    private static void write(Connection c, List<BindingChange> changes) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT); PreparedStatement delete = c.prepareStatement(DELETE)) {
            for (BindingChange change : changes) {
                switch (change) {
                    case BindingChange.Upsert u -> BindingRows.bind(upsert, u.binding());
                    case BindingChange.Remove r -> keyed(delete, r.aor(), r.key());
                }
            }
        }
    }

    private static void keyed(PreparedStatement s, String aor, String key) throws SQLException {
        s.setString(1, aor);
        s.setString(2, key);
        s.executeUpdate();
    }

    @Override
    public List<Binding> lookup(String aor, Instant now) {
        return cache.lookup(aor, now);
    }

    @Override
    public List<Binding> all(Instant now) {
        return cache.all(now);
    }

    /**
     * Deletes what expired by {@code now}. The memory copy drops it at once (it was invisible
     * to lookups already); the row goes with the next commit — it need not be durable, since
     * an expired row is dropped at start anyway. A binding refreshed meanwhile survives: the
     * memory copy drops only the exact binding seen, and the delete checks the stored expiry.
     */
    @Override
    public int purgeExpired(Instant now) {
        int purged = 0;
        for (Binding b : cache.expired(now)) {
            if (cache.removeIfUnchanged(b)) {
                database.writer().submit(c -> deleteExpired(c, b, now));
                events.accept(new Event.BindingExpired(now, b.aor(), b.contact().toString(), b.expiresAt()));
                purged++;
            }
        }
        return purged;
    }

    private static void deleteExpired(Connection c, Binding b, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_EXPIRED)) {
            s.setString(1, b.aor());
            s.setString(2, b.key());
            s.setLong(3, Instants.toNanos(now));
            s.executeUpdate();
        }
    }
}
