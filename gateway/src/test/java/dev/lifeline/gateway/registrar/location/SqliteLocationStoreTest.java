package dev.lifeline.gateway.registrar.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.Event.BindingExpired;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.Uri;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLocationStoreTest {

    static final Instant NOW = Instant.parse("2025-03-01T09:00:00.123456789Z");

    @TempDir
    Path dir;
    final RecordingEventSink events = new RecordingEventSink();
    SqliteDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private SqliteLocationStore open(Instant now) {
        db = SqliteDatabase.open(dir);
        return SqliteLocationStore.open(db, events, now);
    }

    private SqliteLocationStore reopen(Instant now) {
        db.close();
        return open(now);
    }

    static Binding binding(String aor, String contact, long seconds) {
        Uri uri = Uri.parse(contact);
        Flow flow = new Flow(Transport.TCP, new InetSocketAddress("203.0.113.7", 40000),
                new InetSocketAddress("127.0.0.1", 5060), Optional.of(new ConnectionId(42)));
        return new Binding(aor, uri.toString(), uri, OptionalDouble.of(0.7), NOW.plusSeconds(seconds), "call-" + aor, 3,
                flow, Optional.of("\"<urn:uuid:1>\""), OptionalInt.of(2), "Phone/1", NOW);
    }

    private static void apply(LocationStore store, BindingChange... changes) {
        store.apply(List.of(changes)).toCompletableFuture().join();
    }

    @Test
    void appliedBindingsAreLookedUpAtOnce() {
        SqliteLocationStore store = open(NOW);
        Binding a = binding("1001", "sip:1001@192.168.1.10", 600);

        apply(store, new BindingChange.Upsert(a));

        assertThat(store.lookup("1001", NOW)).containsExactly(a);
        assertThat(store.lookup("1002", NOW)).isEmpty();
        assertThat(store.all(NOW)).containsExactly(a);
    }

    @Test
    void everyFieldSurvivesAnOrderlyRestartExceptTheConnection() {
        SqliteLocationStore store = open(NOW);
        Binding a = binding("1001", "sip:1001@192.168.1.10:5060;transport=tcp", 600);
        Binding plain = new Binding("1002", "sip:1002@[2001:db8::5]", Uri.parse("sip:1002@[2001:db8::5]"), OptionalDouble.empty(),
                NOW.plusSeconds(60), "c", 1, new Flow(Transport.UDP, new InetSocketAddress("2001:db8::5", 5060),
                new InetSocketAddress("::1", 5060), Optional.empty()), Optional.empty(), OptionalInt.empty(), "", NOW);
        apply(store, new BindingChange.Upsert(a), new BindingChange.Upsert(plain));

        SqliteLocationStore again = reopen(NOW);

        Binding expected = new Binding(a.aor(), a.key(), a.contact(), a.q(), a.expiresAt(), a.callId(), a.cseq(),
                a.flow().withoutConnection(), a.instance(), a.regId(), a.userAgent(), a.updatedAt());
        assertThat(again.lookup("1001", NOW)).containsExactly(expected);
        assertThat(again.lookup("1002", NOW)).containsExactly(plain);
    }

    @Test
    void bindingsExpiredWhileDownAreDroppedAndReportedAtStart() {
        SqliteLocationStore store = open(NOW);
        Binding shortLived = binding("1001", "sip:1001@192.168.1.10", 60);
        Binding longLived = binding("1002", "sip:1002@192.168.1.11", 3600);
        apply(store, new BindingChange.Upsert(shortLived), new BindingChange.Upsert(longLived));

        Instant later = NOW.plus(Duration.ofMinutes(5));
        SqliteLocationStore again = reopen(later);

        assertThat(again.all(later)).containsExactly(longLived.withFlow(longLived.flow().withoutConnection()));
        assertThat(events.ofType(BindingExpired.class)).containsExactly(
                new BindingExpired(later, "1001", "sip:1001@192.168.1.10", shortLived.expiresAt()));
        db.writer().flush().join();
        assertThat(reopen(NOW).all(NOW)).as("deleted from the file, not only hidden").hasSize(1);
    }

    @Test
    void removalsAreDurable() {
        SqliteLocationStore store = open(NOW);
        Binding a = binding("1001", "sip:1001@192.168.1.10", 600);
        Binding b = binding("1001", "sip:1001@192.168.1.11", 600);
        apply(store, new BindingChange.Upsert(a), new BindingChange.Upsert(b));

        apply(store, new BindingChange.Remove("1001", a.key()));

        assertThat(store.lookup("1001", NOW)).extracting(Binding::key).containsExactly(b.key());
        assertThat(reopen(NOW).lookup("1001", NOW)).extracting(Binding::key).containsExactly(b.key());
    }

    @Test
    void upsertReplacesTheBindingWithTheSameKey() {
        SqliteLocationStore store = open(NOW);
        Binding a = binding("1001", "sip:1001@192.168.1.10", 600);
        Binding refreshed = a.withExpiresAt(NOW.plusSeconds(1200));

        apply(store, new BindingChange.Upsert(a));
        apply(store, new BindingChange.Upsert(refreshed));

        assertThat(store.lookup("1001", NOW)).containsExactly(refreshed);
        assertThat(reopen(NOW).lookup("1001", NOW)).extracting(Binding::expiresAt).containsExactly(refreshed.expiresAt());
    }

    @Test
    void lookupHidesExpiredBindingsAndPurgeRemovesThem() {
        SqliteLocationStore store = open(NOW);
        apply(store, new BindingChange.Upsert(binding("1001", "sip:1001@192.168.1.10", 60)),
                new BindingChange.Upsert(binding("1001", "sip:1001@192.168.1.11", 600)));
        Instant later = NOW.plusSeconds(61);

        assertThat(store.lookup("1001", later)).hasSize(1);
        assertThat(store.purgeExpired(later)).isEqualTo(1);
        assertThat(store.purgeExpired(later)).as("already gone").isZero();
        assertThat(events.ofType(BindingExpired.class)).hasSize(1);
        assertThat(reopen(NOW).lookup("1001", NOW)).as("the row is deleted").hasSize(1);
    }

    @Test
    void aRefreshThatRacesThePurgeSurvives() {
        SqliteLocationStore store = open(NOW);
        Binding a = binding("1001", "sip:1001@192.168.1.10", 60);
        apply(store, new BindingChange.Upsert(a));
        Instant later = NOW.plusSeconds(61);

        // The refresh is queued before the purge's delete is committed.
        var refresh = store.apply(List.of(new BindingChange.Upsert(a.withExpiresAt(later.plusSeconds(600)))));
        store.purgeExpired(later);
        refresh.toCompletableFuture().join();
        db.writer().flush().join();

        assertThat(store.lookup("1001", later)).hasSize(1);
        assertThat(reopen(later).lookup("1001", later)).hasSize(1);
    }

    @Test
    void lookupOrdersByQThenMostRecent() {
        SqliteLocationStore store = open(NOW);
        Binding low = binding("1001", "sip:1001@192.168.1.10", 600).withQ(OptionalDouble.of(0.1));
        Binding none = binding("1001", "sip:1001@192.168.1.11", 600).withQ(OptionalDouble.empty());
        Binding half = binding("1001", "sip:1001@192.168.1.12", 600).withQ(OptionalDouble.of(0.5));
        apply(store, new BindingChange.Upsert(low), new BindingChange.Upsert(none), new BindingChange.Upsert(half));

        assertThat(store.lookup("1001", NOW)).containsExactly(none, half, low);
    }
}
