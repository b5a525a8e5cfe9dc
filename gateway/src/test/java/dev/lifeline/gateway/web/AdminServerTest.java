package dev.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.sip.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    /** What the view's event log holds; the tests put events there. */
    final List<LoggedEvent> logged = new ArrayList<>();
    /** The view's active calls. */
    final List<CallInfo> calls = new ArrayList<>();

    final AdminView view = new AdminView() {
        @Override
        public StatusReport status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Binding> registrations() {
            return List.of();
        }

        @Override
        public List<CallInfo> calls() {
            return calls;
        }

        @Override
        public List<LoggedEvent> events(Instant since, int limit) {
            return logged.stream().filter(e -> !e.event().at().isBefore(since)).limit(limit).toList();
        }
    };

    AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AdminServer start() throws IOException {
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), false, TOKEN, view, InstantSource.fixed(NOW));
        return server;
    }

    /** The raw response to a request line written as given, so that nothing on the client side corrects it. */
    private String get(String target) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            // Latin-1 keeps every byte as one char, so a raw ESC or a UTF-8 encoded C1 stays visible to the test.
            return body.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void eachCallShowsItsLanAndWanLegsAndWhichIsLosing() throws Exception {
        List<dev.lifeline.gateway.calls.LegReading> legs = List.of(
                new dev.lifeline.gateway.calls.LegReading(dev.lifeline.gateway.calls.LegSide.LAN, "phone 1001", 250, 4.1,
                        12, 78, 3.9),
                new dev.lifeline.gateway.calls.LegReading(dev.lifeline.gateway.calls.LegSide.WAN, "the provider", 250, 0,
                        1, 93, 4.4));
        calls.add(new CallInfo("c1", "1001", "+15557000", "trunk provider", NOW, java.util.Optional.of(NOW), legs,
                dev.lifeline.gateway.calls.LegBlame.judge(legs)));
        start();

        String response = get("/api/calls");

        assertThat(status(response)).isEqualTo(200);
        assertThat(response.replaceAll("\\s+", " ")).contains("\"side\" : \"lan\", \"from\" : \"phone 1001\"",
                "\"lossPercent\" : 4.1", "\"side\" : \"wan\"", "\"blame\" : \"lan\"",
                "\"blameReason\" : \"LAN leg losing 4.1 % from phone 1001\"");
    }

    @Test
    void refusesANonLoopbackAddressWithoutConsent() {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("0.0.0.0", 0), false, TOKEN, view,
                InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not loopback")
                .hasMessageContaining("allowRemote: plaintext");
    }

    @Test
    void refusesAnEmptyToken() {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("127.0.0.1", 0), false, " ", view,
                InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void refusesAShortToken() {
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("127.0.0.1", 0), false, "t0ken", view,
                InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
    }

    @Test
    void aSinceOrQueryItCannotReadIsA400NotA500() throws Exception {
        start();

        for (String target : List.of("/api/events?since=yesterday", "/api/events?since=10x", "/api/events?limit=-1",
                "/api/events?since=999999999999999d", "/api/events?since=2025-13-01T00:00:00Z")) {
            String response = get(target);
            assertThat(status(response)).as(target).isEqualTo(400);
            assertThat(response).as(target).contains("\"error\"", "\"status\" : 400").doesNotContain("internal");
        }
        // Escapes that are not two hex digits: refused before the query is read, and still a 400.
        for (String target : List.of("/api/events?since=%zz", "/api/events?since=%")) {
            assertThat(status(get(target))).as(target).isEqualTo(400);
        }
    }

    @Test
    void aSinceBeyondWhatTheLogHoldsAsksForAllOrNothing() throws Exception {
        start();
        logged.add(new LoggedEvent(1, new Event.GatewayStopping(NOW.minusSeconds(60), "test")));

        // Long ago: before 1677 in epoch nanoseconds, or before any Instant at all.
        assertThat(get("/api/events?since=999999999999d")).startsWith("HTTP/1.1 200").contains("GatewayStopping");
        assertThat(get("/api/events?since=1000000d")).startsWith("HTTP/1.1 200").contains("GatewayStopping");
        assertThat(get("/api/events?since=-999999999-01-01T00:00:00Z")).startsWith("HTTP/1.1 200")
                .contains("GatewayStopping");
        // Far ahead: nothing is that recent.
        assertThat(get("/api/events?since=%2B999999999-12-31T23:59:59Z")).startsWith("HTTP/1.1 200")
                .doesNotContain("GatewayStopping");
    }

    @Test
    void controlCharactersFromTheNetworkComeOutEscaped() throws Exception {
        start();
        // A user name that clears the screen, one with an 8-bit CSI, and a reason with a bidi override.
        logged.add(new LoggedEvent(1, new Event.RegistrationRejected(NOW, "\u001b[2J\u001b]0;owned\u0007",
                Transport.UDP, new InetSocketAddress("203.0.113.9", 5060), 403, "User-Agent \u009b31m\u202e")));

        String response = get("/api/events?since=10m");

        assertThat(status(response)).isEqualTo(200);
        String body = response.substring(response.indexOf("\r\n\r\n"));
        assertThat(body).doesNotContain("\u001b", "\u0007", "\u00c2\u009b", "\u00e2\u0080\u00ae");
        assertThat(body.toLowerCase(java.util.Locale.ROOT)).contains("\\u001b[2j", "\\u0007", "\\u009b31m", "\\u202e");
    }
}
