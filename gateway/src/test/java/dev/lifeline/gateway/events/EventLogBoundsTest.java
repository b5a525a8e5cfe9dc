package dev.lifeline.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.EventLogSettings;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log stays bounded whatever the network sends: repeats fold into counted rows, old rows go. */
class EventLogBoundsTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    SqliteEventLog log(EventLogSettings settings) {
        return new SqliteEventLog(db, settings, InstantSource.fixed(T0));
    }

    static Event.RegistrationRejected bogus(Instant at, String ip, int port, String user) {
        return new Event.RegistrationRejected(at, user, Transport.UDP, new InetSocketAddress(ip, port), 403,
                "unknown user " + user);
    }

    static long total(List<LoggedEvent> rows) {
        return rows.stream().mapToLong(LoggedEvent::occurrences).sum();
    }

    @Test
    void tenThousandBogusRegistersFromOneSourceAreOneRowThatCountsThem() {
        SqliteEventLog log = log(EventLogSettings.DEFAULT);

        // 10,000 guesses at extensions in 50 s, from rotating ports of one address.
        for (int i = 0; i < 10_000; i++) {
            log.accept(bogus(T0.plusMillis(5L * i), "203.0.113.66", 1024 + i % 60_000, "ext" + i));
        }
        log.flush().join();

        List<LoggedEvent> rows = log.since(Instant.EPOCH);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.occurrences()).isEqualTo(10_000);
            assertThat(row.lastAt()).isEqualTo(T0.plusMillis(5L * 9_999));
            assertThat(row.manySources()).isFalse();
            assertThat(((Event.RegistrationRejected) row.event()).aor()).isEqualTo("ext0");
        });
    }

    @Test
    void tenThousandBogusRegistersFromSpoofedSourcesStayBoundedAndCounted() {
        SqliteEventLog log = log(EventLogSettings.DEFAULT);

        for (int i = 0; i < 10_000; i++) {
            log.accept(bogus(T0.plusMillis(5L * i), "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                    5060, "1001"));
        }
        log.flush().join();

        List<LoggedEvent> rows = log.since(Instant.EPOCH);
        assertThat(rows).hasSizeLessThanOrEqualTo(SqliteEventLog.MAX_FOLDED_SOURCES + 1);
        assertThat(total(rows)).isEqualTo(10_000);
        assertThat(rows).filteredOn(LoggedEvent::manySources).singleElement()
                .satisfies(r -> assertThat(r.occurrences()).isEqualTo(10_000 - SqliteEventLog.MAX_FOLDED_SOURCES));
    }

    @Test
    void anAttackLongerThanTheWindowAddsOneRowPerWindow() {
        SqliteEventLog log = log(EventLogSettings.DEFAULT);

        // One guess a second for ten minutes.
        for (int i = 0; i < 600; i++) {
            log.accept(bogus(T0.plusSeconds(i), "203.0.113.66", 5060, "1001"));
        }
        log.flush().join();

        List<LoggedEvent> rows = log.since(Instant.EPOCH);
        assertThat(rows).hasSize(10).allSatisfy(r -> assertThat(r.occurrences()).isEqualTo(60));
    }

    @Test
    void retentionDeletesRowsOlderThanKeepFor() {
        SqliteEventLog log = log(new EventLogSettings(Duration.ofDays(30), 1_000_000, Duration.ofMinutes(1)));
        for (int day = 0; day < 40; day++) {
            log.accept(new Event.GatewayStopping(T0.plus(Duration.ofDays(day)), "day " + day));
        }
        log.flush().join();

        long deleted = log.enforceRetention(T0.plus(Duration.ofDays(40))).join();

        assertThat(deleted).isEqualTo(10);
        assertThat(log.since(Instant.EPOCH)).extracting(e -> ((Event.GatewayStopping) e.event()).reason())
                .first().isEqualTo("day 10");
        assertThat(log.rowCount()).isEqualTo(30);
    }

    @Test
    void retentionKeepsTheNewestMaxRowsDeletingInBatches() {
        SqliteEventLog log = log(new EventLogSettings(Duration.ofDays(30), 1000, Duration.ofMinutes(1)));
        int written = 2 * SqliteEventLog.DELETE_BATCH + 1500;
        for (int i = 0; i < written; i++) {
            log.accept(new Event.GatewayStopping(T0.plusMillis(i), Integer.toString(i)));
        }
        log.flush().join();

        long deleted = log.enforceRetention(T0.plusSeconds(60)).join();

        assertThat(deleted).isEqualTo(written - 1000);
        assertThat(log.rowCount()).isEqualTo(1000);
        assertThat(log.latest(1)).extracting(e -> ((Event.GatewayStopping) e.event()).reason())
                .containsExactly(Integer.toString(written - 1));
        assertThat(log.since(Instant.EPOCH, 1)).extracting(e -> ((Event.GatewayStopping) e.event()).reason())
                .containsExactly(Integer.toString(written - 1000));
        assertThat(log.enforceRetention(T0.plusSeconds(60)).join()).isZero();
    }
}
