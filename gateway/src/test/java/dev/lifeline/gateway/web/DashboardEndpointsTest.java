package dev.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.TrunkSummary;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's endpoints over a real socket on 127.0.0.1: the page, the token, the stream, the history. */
class DashboardEndpointsTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    final List<CallInfo> calls = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final AdminView view = new AdminView() {
        @Override
        public StatusReport status() {
            return new StatusReport("Test branch", "2026-01-05T08:00:00Z", 60, List.of("udp 127.0.0.1:5060"), 3,
                    List.of(new TrunkSummary("provider", "registered", "200 OK")), calls.size(), 0, Map.of(), Map.of(),
                    List.of(new StatusReport.PathSummary("wan1", "127.0.0.11", "up", "2026-01-05T08:00:00Z", true,
                                    0.5, 21, 1.2, 92.4, "probes healthy"),
                            new StatusReport.PathSummary("wan2", "127.0.0.12", "up", "2026-01-05T08:00:00Z", false,
                                    -1, -1, -1, -1, "probes healthy")),
                    false, List.of());
        }

        @Override
        public List<Binding> registrations() {
            return List.of();
        }

        @Override
        public List<CallInfo> calls() {
            return List.copyOf(calls);
        }

        @Override
        public void subscribe(EventSink sink) {
            sinks.add(sink);
        }

        @Override
        public List<LoggedEvent> events(Instant since, int limit) {
            return List.of();
        }
    };

    AdminServer server;

    @BeforeEach
    void start() throws Exception {
        server = AdminServer.start(new java.net.InetSocketAddress("127.0.0.1", 0), false, TOKEN, view,
                InstantSource.system());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> get(String path, boolean withToken) throws Exception {
        HttpRequest.Builder b = request(path);
        if (withToken) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageLoadsWithoutTheTokenAndAllowsOnlyItsOwnScript() throws Exception {
        HttpResponse<String> page = get("/", false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "connect-src 'self'", "default-src 'none'");
        assertThat(page.body()).contains("<title>Lifeline dashboard</title>", "/ui/app.js", "id=\"login-form\"")
                .doesNotContain("http://", "https://");
        for (String asset : List.of("/ui/app.js", "/ui/app.css", "/ui/icon.svg")) {
            HttpResponse<String> r = get(asset, false);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            // Nothing from the internet: the only absolute URL is SVG's namespace name, which is never fetched.
            assertThat(r.body().replace("http://www.w3.org/2000/svg", "")).as(asset)
                    .doesNotContain("http://", "https://", "//cdn").isNotBlank();
        }
    }

    @Test
    void theDataNeedsTheToken() throws Exception {
        for (String path : List.of("/api/stream", "/api/history", "/api/status", "/ui/../api/status")) {
            HttpResponse<String> r = get(path, false);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("missing or wrong token").doesNotContain("Test branch");
        }
        HttpResponse<String> wrong = http.send(request("/api/stream").header("Authorization", "Bearer " + "x".repeat(32))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void theStreamDeliversAnEventWithinASecondAndASnapshotEverySecond() throws Exception {
        calls.add(new CallInfo("call-1", "201", "+15551230000", "trunk provider", Instant.now().minusSeconds(30),
                Optional.of(Instant.now().minusSeconds(25))));
        HttpResponse<InputStream> response = http.send(request("/api/stream").header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test ended the stream
            }
        });
        try {
            // A snapshot arrives on its own, with the paths as status shows them.
            assertThat(nextData(lines, "status", Duration.ofSeconds(3))).contains("\"wan1\"", "\"wan2\"", "\"call-1\"",
                    "\"legs\":[]", "\"blame\":\"unmeasured\"");

            // The media relay reports the call's quality: the next snapshots carry its MOS.
            sinks.forEach(s -> s.accept(new Event.CallQuality(Instant.now(), "call-1", "from caller", 250, 0.4, 3.1,
                    42, 90.1, 4.31, "lan")));
            assertThat(nextDataContaining(lines, "status", "\"mosFromCaller\":4.31", Duration.ofSeconds(3))).isNotNull();

            // A failover: on the stream well within a second of happening.
            long before = System.nanoTime();
            sinks.forEach(s -> s.accept(new Event.ActivePathChanged(Instant.now(), "wan1", "wan2", "probe timeout")));
            String event = nextData(lines, "event", Duration.ofSeconds(1));
            long tookMillis = (System.nanoTime() - before) / 1_000_000;
            assertThat(event).contains("\"type\":\"ActivePathChanged\"", "\"to\":\"wan2\"", "probe timeout");
            assertThat(tookMillis).isLessThan(1000);
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    @Test
    void streamsAreBoundedInNumberAndTheNextOneIsToldWhy() throws Exception {
        List<HttpResponse<InputStream>> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < DashboardFeed.MAX_STREAMS; i++) {
                HttpResponse<InputStream> r = http.send(request("/api/stream").header("Authorization", "Bearer " + TOKEN)
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                open.add(r);
            }
            HttpResponse<String> refused = get("/api/stream", true);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("too many dashboard streams open (16)");
            // The rest of the API still answers while the streams are open.
            assertThat(get("/api/history", true).statusCode()).isEqualTo(200);
        } finally {
            for (HttpResponse<InputStream> r : open) {
                r.body().close();
            }
        }
    }

    @Test
    void theHistoryHoldsWhatTheSnapshotsSampled() throws Exception {
        // The feed samples at once on start, then every 10 s.
        String body = null;
        for (int i = 0; i < 30; i++) {
            body = get("/api/history", true).body();
            if (body.contains("path.wan1.r")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(body).contains("\"intervalSeconds\" : 10", "\"spanSeconds\" : 21600", "\"path.wan1.r\"",
                "\"path.wan2.loss\"", "\"calls.active\"", "92.4", "observedBy");
        // wan2's figures are unknown (-1 in status): a gap, never a made-up zero.
        assertThat(body).containsPattern("\"path\\.wan2\\.r\" : \\[ \\[ \\d+, null \\] \\]");
    }

    /** The data line of the next SSE message named {@code name}, or null if none came in time. */
    private static String nextData(BlockingQueue<String> lines, String name, Duration within) throws InterruptedException {
        return nextDataContaining(lines, name, "", within);
    }

    private static String nextDataContaining(BlockingQueue<String> lines, String name, String text, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        boolean named = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.equals("event: " + name)) {
                named = true;
            } else if (named && line.startsWith("data: ")) {
                if (line.contains(text)) {
                    return line.substring(6);
                }
                named = false;
            } else if (line.isEmpty()) {
                named = false;
            }
        }
        throw new AssertionError("no '" + name + "' message" + (text.isEmpty() ? "" : " containing " + text)
                + " within " + within);
    }
}
