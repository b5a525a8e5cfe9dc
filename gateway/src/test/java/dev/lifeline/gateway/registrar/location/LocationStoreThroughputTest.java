package dev.lifeline.gateway.registrar.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.gateway.storage.WriterStats;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what group commit achieves with synchronous=FULL on this machine's disk. Not asserted
 * (speed is the bench module's business, DESIGN.md); only that everything was stored.
 */
class LocationStoreThroughputTest {

    @TempDir
    Path dir;

    @Test
    void registrationStormThroughput() {
        Instant now = Instant.parse("2025-03-01T09:00:00Z");
        int[][] runs = {{1, 200}, {16, 100}, {64, 50}, {256, 20}};
        for (int[] run : runs) {
            Path storage = dir.resolve("w" + run[0]);
            try (SqliteDatabase db = SqliteDatabase.open(storage)) {
                SqliteLocationStore store = SqliteLocationStore.open(db, EventSink.discarding(), now);
                LocationStoreLoad.Result r = LocationStoreLoad.run(store, run[0], run[1], now);
                WriterStats s = db.writer().stats();
                System.out.printf("location store throughput: %s; %d commits, mean batch %.1f, largest %d%n",
                        r, s.transactions(), s.meanBatch(), s.largestBatch());
                assertThat(store.all(now)).hasSize(r.bindings());
            }
        }
    }
}
