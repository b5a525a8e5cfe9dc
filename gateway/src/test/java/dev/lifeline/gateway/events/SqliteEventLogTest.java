package dev.lifeline.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.storage.SqliteDatabase;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00.000000001Z");
    static final InetSocketAddress PHONE = new InetSocketAddress("203.0.113.7", 40000);

    /** One of each kind, so a new kind without a working encoding fails here. */
    static List<Event> oneOfEach() throws Exception {
        return List.of(
                new Event.BindingSaved(T0, "1001", "sip:1001@192.168.1.10", T0.plusSeconds(3600), Transport.UDP, PHONE, false),
                new Event.BindingRemoved(T0.plusSeconds(1), "1001", "sip:1001@192.168.1.10", "expires=0"),
                new Event.BindingExpired(T0.plusSeconds(2), "1002", "sip:1002@[2001:db8::1]:5062", T0),
                new Event.AuthenticationFailed(T0.plusMillis(2100), "INVITE", "1004", Transport.UDP, PHONE,
                        "wrong password for 1004"),
                new Event.GatewayStarted(T0.plusMillis(2200), "Branch", "udp 127.0.0.1:5060", "http://127.0.0.1:8089"),
                new Event.GatewayStopping(T0.plusMillis(2300), "SIGTERM"),
                new Event.RegistrationRejected(T0.plusSeconds(3), "1003", Transport.TLS,
                        new InetSocketAddress("2001:db8::9", 5061), 403, "wrong password for 1003"),
                new Event.SourceBanned(T0.plusSeconds(4), InetAddress.getByName("203.0.113.66"), T0.plusSeconds(604), "10 failures"),
                new Event.TrunkStateChanged(T0.plusSeconds(5), "provider", "registered", "200 OK"),
                new Event.CallStarted(T0.plusSeconds(6), "abc@gw", "1001", "+15550100", "internal"),
                new Event.CallQuality(T0.plusMillis(6500), "abc@gw", "from caller", 250, 1.2, 3.4, -1, 88.1, 4.3, "lan"),
                callEnded(T0.plusSeconds(7), "abc@gw"),
                new Event.PathSuspicion(T0.plusMillis(7900), "wan1", "suspect", "no audio from the provider on 1 call"),
                new Event.PathStateChanged(T0.plusSeconds(8), "wan1", "down", "probe silent 600 ms"),
                new Event.ActivePathChanged(T0.plusMillis(8001), "wan1", "wan2", "wan1 down"),
                new Event.SurvivalModeChanged(T0.plusMillis(8002), true, "every WAN path is down"),
                new Event.TrunkMoved(T0.plusMillis(8003), "provider", "wan2", "udp 203.0.113.5:5060",
                        "sip:site1@198.51.100.2:5060"),
                new Event.CallMediaMoved(T0.plusMillis(8004), "abc@gw", "wan2", 200, Duration.ofMillis(340)),
                new Event.DnsProblem(T0.plusMillis(8005), "wan1", "_sip._udp.provider.example", "SRV", true,
                        "SERVFAIL from 127.0.0.21:53"),
                new Event.ProviderTargetFailed(T0.plusMillis(8006), "provider", "INVITE", "udp 203.0.113.5:5060",
                        "503 Service Unavailable"),
                new Event.CertificateChecked(T0.plusMillis(8007), "provider sip1.provider.example via wan1", "warning",
                        T0.plusSeconds(86_400 * 20), "expires on 2026-12-15 (20 days)"),
                new Event.FaultStarted(T0.plusMillis(8008), "f1", "path-cut", "wan1", "every packet of wan1 dropped",
                        T0.plusSeconds(38)),
                new Event.FaultEnded(T0.plusMillis(8009), "f1", "path-cut", "wan1", "deadline"),
                new Event.ConfigApplied(T0.plusSeconds(9), 2, "alice@gw via lifeline config apply", "ab".repeat(32),
                        "extensions, dialPlan"),
                new Event.ConfigConfirmed(T0.plusSeconds(10), 2, "operator"),
                new Event.ConfigRolledBack(T0.plusSeconds(11), 3, 2, "not confirmed within 120 s (lifeline config confirm)"));
    }

    @TempDir
    Path dir;
    SqliteDatabase db;
    SqliteEventLog log;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir);
        log = new SqliteEventLog(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyKindRoundTripsThroughTheLog() throws Exception {
        List<Event> all = oneOfEach();
        assertThat(all.stream().<Class<?>>map(Event::getClass).toList()).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
        all.forEach(log::accept);
        log.flush().join();

        assertThat(log.since(Instant.EPOCH)).extracting(LoggedEvent::event).containsExactlyElementsOf(all);
    }

    @Test
    void sinceAndLatestSelectByTimeAndCount() throws Exception {
        oneOfEach().forEach(log::accept);
        log.flush().join();

        assertThat(log.since(T0.plusSeconds(7))).extracting(e -> e.event().type())
                .containsExactly("CallEnded", "PathSuspicion", "PathStateChanged", "ActivePathChanged", "SurvivalModeChanged", "TrunkMoved",
                        "CallMediaMoved", "DnsProblem", "ProviderTargetFailed", "CertificateChecked", "FaultStarted",
                        "FaultEnded", "ConfigApplied",
                        "ConfigConfirmed", "ConfigRolledBack");
        assertThat(log.since(T0, 2)).extracting(e -> e.event().type()).containsExactly("BindingSaved", "BindingRemoved");
        assertThat(log.latest(3)).extracting(e -> e.event().type())
                .containsExactly("ConfigApplied", "ConfigConfirmed", "ConfigRolledBack");
        assertThat(log.latest(3)).extracting(LoggedEvent::id).isSorted();
    }

    @Test
    void eventsSurviveARestart() throws Exception {
        log.append(oneOfEach().get(0)).join();
        db.close();
        db = SqliteDatabase.open(dir);

        assertThat(new SqliteEventLog(db).latest(10)).extracting(LoggedEvent::event).containsExactly(oneOfEach().get(0));
    }

    @Test
    void rowsOfAnUnknownKindAreSkippedNotFatal() throws Exception {
        db.writer().submit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO event (at, type, payload) VALUES (0, 'Retired', '{}')")) {
                s.executeUpdate();
            }
        }).join();
        log.append(callEnded(T0, "x")).join();

        assertThat(log.since(Instant.EPOCH)).extracting(e -> e.event().type()).containsExactly("CallEnded");
    }

    @Test
    void payloadIsPlainJsonWithIpLiterals() {
        String json = new EventJson().encode(new Event.RegistrationRejected(T0, "1001", Transport.UDP, PHONE, 403, "no"));

        assertThat(json).isEqualTo("{\"at\":\"2025-03-01T09:00:00.000000001Z\",\"aor\":\"1001\",\"transport\":\"UDP\","
                + "\"source\":\"203.0.113.7:40000\",\"status\":403,\"reason\":\"no\"}");
    }

    @Test
    void hostNamesAreRefusedRatherThanResolved() {
        assertThat(new EventJson().decode("SourceBanned",
                "{\"at\":\"2025-03-01T09:00:00Z\",\"source\":\"example.com\",\"until\":\"2025-03-01T09:10:00Z\",\"reason\":\"x\"}"))
                .isEmpty();
        assertThat(new EventJson().decode("CallStarted", "{\"at\":\"" + T0.plus(Duration.ofHours(1)) + "\",\"callId\":\"c\"}"))
                .contains(new Event.CallStarted(T0.plus(Duration.ofHours(1)), "c", null, null, null));
    }

    @Test
    void callEndedWithQualityRoundTrips() {
        Event.CallEnded ended = callEnded(T0, "q@gw");

        assertThat(new EventJson().decode("CallEnded", new EventJson().encode(ended))).contains(ended);
    }

    private static Event.CallEnded callEnded(Instant at, String callId) {
        return new Event.CallEnded(at, callId, "1001", "1002", "internal", 200, "caller hung up", Event.Hangup.CALLER,
                at.minusSeconds(30), Duration.ofSeconds(30), 1500, 0.5, 3.2, 92.1, 4.39, 1498, 0.0, 1.1, 93.2, 4.41,
                "lan", "lan", "none", "no leg losing packets (LAN 0.5 % from phone 1001, LAN 0.0 % from phone 1002)");
    }
}
