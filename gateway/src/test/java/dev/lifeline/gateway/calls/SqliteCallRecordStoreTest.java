package dev.lifeline.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCallRecordStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00.000000001Z");

    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopeningNewestFirst() {
        CallRecord answered = new CallRecord("a@gw", "1001", "1002", "internal", T0, Optional.of(T0.plusSeconds(2)),
                T0.plusSeconds(62), 200, "caller hung up", Event.Hangup.CALLER,
                new StreamQuality(3000, 0.5, 2.25, 92.1, 4.39), new StreamQuality(2990, 0, 1.5, 93.2, 4.41));
        CallRecord busy = new CallRecord("b@gw", "1003", "915550123", "trunk provider", T0.plusSeconds(70), Optional.empty(),
                T0.plusSeconds(71), 486, "Busy Here", Event.Hangup.CALLEE, StreamQuality.NONE, StreamQuality.NONE);
        try (SqliteDatabase db = SqliteDatabase.open(dir)) {
            SqliteCallRecordStore store = new SqliteCallRecordStore(db);
            store.save(answered).toCompletableFuture().join();
            store.save(busy).toCompletableFuture().join();
        }

        try (SqliteDatabase db = SqliteDatabase.open(dir)) {
            assertThat(new SqliteCallRecordStore(db).recent(10)).containsExactly(busy, answered);
        }
        assertThat(answered.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(busy.duration()).isZero();
        assertThat(answered.toEvent(LegSide.LAN, LegSide.LAN).fromCallerMos()).isEqualTo(4.39);
    }
}
