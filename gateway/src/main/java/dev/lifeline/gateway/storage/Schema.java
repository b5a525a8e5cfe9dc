package dev.lifeline.gateway.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The file's tables, versioned with {@code PRAGMA user_version}: migration i takes the file
 * from version i to i+1. Append new migrations; never edit a released one, since files in the
 * field are already past it.
 */
final class Schema {

    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    // Times are epoch nanoseconds: lossless for Instant, and they sort as numbers.
                    """
                    CREATE TABLE binding (
                        aor          TEXT    NOT NULL,
                        binding_key  TEXT    NOT NULL,
                        contact      TEXT    NOT NULL,
                        q            REAL,
                        expires_at   INTEGER NOT NULL,
                        call_id      TEXT    NOT NULL,
                        cseq         INTEGER NOT NULL,
                        transport    TEXT    NOT NULL,
                        remote_host  TEXT    NOT NULL,
                        remote_port  INTEGER NOT NULL,
                        local_host   TEXT,
                        local_port   INTEGER,
                        instance     TEXT,
                        reg_id       INTEGER,
                        user_agent   TEXT    NOT NULL,
                        updated_at   INTEGER NOT NULL,
                        PRIMARY KEY (aor, binding_key)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX binding_expiry ON binding (expires_at)",
                    """
                    CREATE TABLE event (
                        id      INTEGER PRIMARY KEY AUTOINCREMENT,
                        at      INTEGER NOT NULL,
                        type    TEXT    NOT NULL,
                        payload TEXT    NOT NULL
                    )""",
                    "CREATE INDEX event_at ON event (at)"),
            List.of(
                    // One row per finished call; quality is the stream each party sent, as received.
                    """
                    CREATE TABLE calls (
                        call_id        TEXT    NOT NULL,
                        from_party     TEXT    NOT NULL,
                        to_party       TEXT    NOT NULL,
                        route          TEXT    NOT NULL,
                        started_at     INTEGER NOT NULL,
                        answered_at    INTEGER,
                        ended_at       INTEGER NOT NULL,
                        status         INTEGER NOT NULL,
                        cause          TEXT    NOT NULL,
                        ended_by       TEXT    NOT NULL,
                        caller_packets INTEGER NOT NULL,
                        caller_loss    REAL    NOT NULL,
                        caller_jitter  REAL    NOT NULL,
                        caller_r       REAL    NOT NULL,
                        caller_mos     REAL    NOT NULL,
                        callee_packets INTEGER NOT NULL,
                        callee_loss    REAL    NOT NULL,
                        callee_jitter  REAL    NOT NULL,
                        callee_r       REAL    NOT NULL,
                        callee_mos     REAL    NOT NULL
                    )""",
                    "CREATE INDEX calls_ended_at ON calls (ended_at)"),
            List.of(
                    // Repeats of an event anyone can cause fold into one row: how many, the last one's
                    // time (epoch ns, null while there was one), and whether they came from many sources.
                    "ALTER TABLE event ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE event ADD COLUMN last_at INTEGER",
                    "ALTER TABLE event ADD COLUMN many_sources INTEGER NOT NULL DEFAULT 0"),
            List.of(
                    // Change control: every configuration the gateway ran with, as text. status is
                    // active (in force), kept (was in force, superseded), rolled-back (undone; reason says why).
                    """
                    CREATE TABLE config_version (
                        version    INTEGER PRIMARY KEY,
                        applied_at INTEGER NOT NULL,
                        who        TEXT    NOT NULL,
                        source     TEXT    NOT NULL,
                        sha256     TEXT    NOT NULL,
                        yaml       TEXT    NOT NULL,
                        status     TEXT    NOT NULL,
                        reason     TEXT    NOT NULL DEFAULT ''
                    )"""));

    static final int CURRENT = MIGRATIONS.size();

    private Schema() {
    }

    /** Brings the file to {@link #CURRENT}; the connection has auto-commit off. */
    static void migrate(Connection connection, String file) throws SQLException {
        int version = version(connection);
        if (version > CURRENT) {
            throw new StorageException(file + ": schema version " + version
                    + " is newer than this gateway knows (" + CURRENT + "); refusing to touch it");
        }
        for (int v = version; v < CURRENT; v++) {
            try (Statement s = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
            }
            connection.commit();
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
