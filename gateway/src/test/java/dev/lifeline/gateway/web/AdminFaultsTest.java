package dev.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.gateway.fault.FaultInjector;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/faults} over HTTP on 127.0.0.1: refused unless enabled, token required, deadline honoured. */
class AdminFaultsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private final RecordingEventSink events = new RecordingEventSink();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FaultInjector injector = new FaultInjector(
            List.of(new WanPath("wan1", InetAddress.getLoopbackAddress(), Optional.empty(), List.of(), 1)),
            id -> false, events, InstantSource.system(), new SplittableRandom(1), timers);
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        injector.close();
        timers.shutdownNow();
    }

    private void start(boolean faultInjection) throws IOException {
        AdminView view = new AdminView() {
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
                return List.of();
            }

            @Override
            public List<LoggedEvent> events(Instant since, int limit) {
                return List.of();
            }

            @Override
            public Optional<FaultInjector> faults() {
                return faultInjection ? Optional.of(injector) : Optional.empty();
            }
        };
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), false, TOKEN, view, InstantSource.system());
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusedWhenFaultInjectionIsOff() throws Exception {
        start(false);

        HttpResponse<String> r = call("POST", "/api/faults/path-cut?path=wan1&seconds=10", TOKEN);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("admin.faultInjection: true");
        assertThat(injector.active()).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void refusedWithoutTheToken() throws Exception {
        start(true);

        assertThat(call("POST", "/api/faults/path-cut?path=wan1&seconds=10", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/faults/path-cut?path=wan1&seconds=10", "x".repeat(32)).statusCode())
                .isEqualTo(401);
        assertThat(injector.active()).isEmpty();
    }

    @Test
    void aCutStartsIsListedAndEndsByItselfAtItsDeadline() throws Exception {
        start(true);

        HttpResponse<String> started = call("POST", "/api/faults/path-cut?path=wan1&seconds=1", TOKEN);

        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).contains("\"kind\" : \"path-cut\"").contains("\"target\" : \"wan1\"");
        assertThat(call("GET", "/api/faults", TOKEN).body()).contains("path-cut");
        // Nobody ends it: the gateway does, at the deadline.
        await().atMost(5, TimeUnit.SECONDS).until(() -> injector.active().isEmpty());
        assertThat(events.ofType(Event.FaultEnded.class)).extracting(Event.FaultEnded::reason)
                .containsExactly("deadline");
        assertThat(call("GET", "/api/faults", TOKEN).body()).doesNotContain("path-cut");
    }

    @Test
    void deleteEndsAFaultBeforeItsDeadline() throws Exception {
        start(true);
        call("POST", "/api/faults/path-cut?path=wan1&seconds=60", TOKEN);
        String id = injector.active().get(0).id();

        assertThat(call("DELETE", "/api/faults/" + id, TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/faults/" + id, TOKEN).statusCode()).isEqualTo(404);

        assertThat(injector.active()).isEmpty();
        assertThat(events.ofType(Event.FaultEnded.class)).extracting(Event.FaultEnded::reason)
                .containsExactly("ended through the admin API");
    }

    @Test
    void badRequestsSayWhatIsExpected() throws Exception {
        start(true);

        HttpResponse<String> noSeconds = call("POST", "/api/faults/path-cut?path=wan1", TOKEN);
        HttpResponse<String> noPath = call("POST", "/api/faults/path-cut?path=wan7&seconds=5", TOKEN);
        HttpResponse<String> tooLong = call("POST", "/api/faults/path-cut?path=wan1&seconds=3600", TOKEN);

        assertThat(noSeconds.statusCode()).isEqualTo(400);
        assertThat(noSeconds.body()).contains("seconds=15");
        assertThat(noPath.statusCode()).isEqualTo(404);
        assertThat(noPath.body()).contains("wan7");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(injector.active()).isEmpty();
    }
}
