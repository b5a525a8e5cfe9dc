package dev.lifeline.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void opensInWalWithFullSyncAndTheCurrentSchema() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("state"))) {
            assertThat(db.file()).isEqualTo(dir.resolve("state").resolve("lifeline.db")).exists();
            assertThat(db.pragma("journal_mode")).isEqualTo("wal");
            assertThat(db.pragma("synchronous")).as("FULL").isEqualTo("2");
            assertThat(db.schemaVersion()).isEqualTo(Schema.CURRENT).isPositive();
        }
    }

    @Test
    void theFileAndItsWalAndShmAreReadableByTheOwnerOnly() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("state"))) {
            db.writer().submit(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO event (at, type, payload) VALUES (0, 'GatewayStopping', '{}')");
                }
            }).join();
            for (String name : List.of("lifeline.db", "lifeline.db-wal", "lifeline.db-shm")) {
                assertThat(Files.getPosixFilePermissions(dir.resolve("state").resolve(name))).as(name)
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("state")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anExistingFileReadableByOthersIsNarrowed() throws Exception {
        SqliteDatabase.open(dir).close();
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SqliteDatabase.open(dir).close();

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void reopeningKeepsTheSchemaWithoutMigratingAgain() {
        SqliteDatabase.open(dir).close();
        try (SqliteDatabase db = SqliteDatabase.open(dir)) {
            assertThat(db.schemaVersion()).isEqualTo(Schema.CURRENT);
        }
    }

    @Test
    void refusesAFileFromANewerVersion() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteDatabase.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("schema version 99 is newer");
    }
}
