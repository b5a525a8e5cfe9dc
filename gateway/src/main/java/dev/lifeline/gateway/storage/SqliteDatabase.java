package dev.lifeline.gateway.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The storage file: {@value #FILE_NAME} in the storage directory, opened in WAL mode with
 * {@code synchronous=FULL}, migrated to the current schema, with one write connection owned
 * by a {@link GroupCommitWriter} and one read connection for queries (WAL lets it read while
 * the writer commits).
 *
 * <p>The file holds who is registered from where and every call made, so only its owner may read
 * it: it is created with mode 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
 * database file's mode), and an existing file, -wal or -shm that others may read is narrowed to
 * 0600 on open. A new storage directory is created 0700.
 */
public final class SqliteDatabase implements AutoCloseable {

    public static final String FILE_NAME = "lifeline.db";
    /** Writes that may wait for the writer before submit fails fast. */
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

    private final Path file;
    private final Connection reader;
    private final GroupCommitWriter writer;

    private SqliteDatabase(Path file, Connection reader, GroupCommitWriter writer) {
        this.file = file;
        this.reader = reader;
        this.writer = writer;
    }

    /** Opens (creating when needed) the file in {@code storageDirectory}. */
    public static SqliteDatabase open(Path storageDirectory) {
        return open(storageDirectory, DEFAULT_QUEUE_CAPACITY);
    }

    public static SqliteDatabase open(Path storageDirectory, int queueCapacity) {
        Path file = storageDirectory.resolve(FILE_NAME);
        try {
            if (!Files.isDirectory(storageDirectory)) {
                OwnerOnly.createDirectories(storageDirectory);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create storage directory " + storageDirectory + ": " + e, e);
        }
        try {
            OwnerOnly.createOrNarrow(file);
        } catch (IOException e) {
            throw new StorageException("cannot create " + file + " readable only by its owner: " + e, e);
        }
        Connection write = null;
        try {
            write = connect(file);
            write.setAutoCommit(false);
            Schema.migrate(write, file.toString());
            Connection read = connect(file);
            narrowSidecars(file);
            return new SqliteDatabase(file, read, new GroupCommitWriter(write, queueCapacity, "sqlite-writer " + file.getFileName()));
        } catch (SQLException e) {
            closeQuietly(write);
            throw new StorageException(file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        java.util.Properties options = new java.util.Properties();
        // Nothing here reads generated keys (the event log asks last_insert_rowid() itself); the
        // driver would otherwise run an extra query after every INSERT and UPDATE.
        options.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, options);
        try (Statement s = c.createStatement()) {
            String mode = single(s, "PRAGMA journal_mode=WAL");
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                // e.g. a network file system: without WAL a reader would block the writer.
                throw new SQLException("cannot switch to WAL journal mode (got " + mode + ")");
            }
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** WAL mode made the -wal and -shm files by now; a file made by an older version may be wider. */
    private static void narrowSidecars(Path file) {
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar)) {
                    OwnerOnly.narrow(sidecar);
                }
            } catch (IOException e) {
                throw new StorageException("cannot make " + sidecar + " readable only by its owner: " + e, e);
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    public Path file() {
        return file;
    }

    public GroupCommitWriter writer() {
        return writer;
    }

    /** Runs a query on the read connection; one query at a time. */
    public <T> T read(SqlRead<T> query) {
        synchronized (reader) {
            try {
                return query.run(reader);
            } catch (SQLException e) {
                throw new StorageException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The schema version of the file, from {@code PRAGMA user_version}. */
    public int schemaVersion() {
        return read(Schema::version);
    }

    /** A pragma's current value on the read connection, e.g. "journal_mode"; for checks and status. */
    public String pragma(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        return read(c -> {
            try (Statement s = c.createStatement()) {
                return single(s, "PRAGMA " + name);
            }
        });
    }

    /** Commits what is queued, then closes both connections. */
    @Override
    public void close() {
        writer.close();
        synchronized (reader) {
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do with a connection we are giving up
        }
    }
}
