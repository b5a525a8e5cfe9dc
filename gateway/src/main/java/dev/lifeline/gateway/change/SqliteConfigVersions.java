package dev.lifeline.gateway.change;

import dev.lifeline.gateway.storage.Instants;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The configuration versions in the gateway's SQLite file (table {@code config_version}). Writes
 * go through the database's group-commit writer and wait for the commit: a version is stored
 * before it is applied, and its fate before it is reported.
 */
public final class SqliteConfigVersions {

    private static final long COMMIT_WAIT_SECONDS = 10;
    private final SqliteDatabase database;

    public SqliteConfigVersions(SqliteDatabase database) {
        this.database = database;
    }

    /** Stores {@code v} under its number. */
    public void insert(ConfigVersion v) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO config_version"
                    + " (version, applied_at, who, source, sha256, yaml, status, reason) VALUES (?,?,?,?,?,?,?,?)")) {
                s.setInt(1, v.version());
                s.setLong(2, Instants.toNanos(v.appliedAt()));
                s.setString(3, v.who());
                s.setString(4, v.source());
                s.setString(5, v.sha256());
                s.setString(6, v.yaml());
                s.setString(7, v.status());
                s.setString(8, v.reason());
                s.executeUpdate();
            }
        });
    }

    public void setStatus(int version, String status, String reason) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE config_version SET status = ?, reason = ? WHERE version = ?")) {
                s.setString(1, status);
                s.setString(2, reason);
                s.setInt(3, version);
                s.executeUpdate();
            }
        });
    }

    /** Every version, oldest first. */
    public List<ConfigVersion> all() {
        return database.read(c -> {
            List<ConfigVersion> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT version, applied_at, who, source, sha256, yaml, status,"
                    + " reason FROM config_version ORDER BY version"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    public Optional<ConfigVersion> get(int version) {
        return all().stream().filter(v -> v.version() == version).findFirst();
    }

    public int nextNumber() {
        return all().stream().mapToInt(ConfigVersion::version).max().orElse(0) + 1;
    }

    private static ConfigVersion row(ResultSet rs) throws SQLException {
        return new ConfigVersion(rs.getInt(1), Instants.fromNanos(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }

    private void write(dev.lifeline.gateway.storage.SqlWrite write) {
        try {
            database.writer().submit(write).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a configuration version", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("storing a configuration version failed: " + e.getMessage(), e);
        }
    }
}
