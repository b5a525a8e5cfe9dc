package dev.lifeline.gateway.calls;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Call records in the {@code calls} table of the gateway's SQLite file, written through the
 * database's group-commit writer like bindings and events, so a record costs no fsync of its own.
 */
public final class SqliteCallRecordStore implements CallRecordStore {

    private static final String COLUMNS = "call_id, from_party, to_party, route, started_at, answered_at, ended_at, "
            + "status, cause, ended_by, caller_packets, caller_loss, caller_jitter, caller_r, caller_mos, "
            + "callee_packets, callee_loss, callee_jitter, callee_r, callee_mos";

    private final SqliteDatabase database;

    public SqliteCallRecordStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public CompletionStage<Void> save(CallRecord record) {
        return database.writer().submit(c -> insert(c, record));
    }

    @Override
    public List<CallRecord> recent(int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM calls ORDER BY ended_at DESC, rowid DESC LIMIT ?")) {
                s.setInt(1, limit);
                return rows(s);
            }
        });
    }

    private static void insert(Connection c, CallRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO calls (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.callId());
            s.setString(2, r.from());
            s.setString(3, r.to());
            s.setString(4, r.route());
            s.setLong(5, Instants.toNanos(r.started()));
            if (r.answered().isPresent()) {
                s.setLong(6, Instants.toNanos(r.answered().get()));
            } else {
                s.setNull(6, Types.INTEGER);
            }
            s.setLong(7, Instants.toNanos(r.ended()));
            s.setInt(8, r.status());
            s.setString(9, r.cause());
            s.setString(10, r.endedBy().name());
            setQuality(s, 11, r.fromCaller());
            setQuality(s, 16, r.fromCallee());
            s.executeUpdate();
        }
    }

    private static void setQuality(PreparedStatement s, int first, StreamQuality q) throws SQLException {
        s.setLong(first, q.packets());
        s.setDouble(first + 1, q.lossPercent());
        s.setDouble(first + 2, q.jitterMillis());
        s.setDouble(first + 3, q.r());
        s.setDouble(first + 4, q.mos());
    }

    private static List<CallRecord> rows(PreparedStatement s) throws SQLException {
        List<CallRecord> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long answered = rs.getLong(6);
                Optional<java.time.Instant> answeredAt = rs.wasNull() ? Optional.empty() : Optional.of(Instants.fromNanos(answered));
                out.add(new CallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instants.fromNanos(rs.getLong(5)), answeredAt, Instants.fromNanos(rs.getLong(7)), rs.getInt(8),
                        rs.getString(9), Event.Hangup.valueOf(rs.getString(10)), quality(rs, 11), quality(rs, 16)));
            }
        }
        return out;
    }

    private static StreamQuality quality(ResultSet rs, int first) throws SQLException {
        return new StreamQuality(rs.getLong(first), rs.getDouble(first + 1), rs.getDouble(first + 2),
                rs.getDouble(first + 3), rs.getDouble(first + 4));
    }
}
