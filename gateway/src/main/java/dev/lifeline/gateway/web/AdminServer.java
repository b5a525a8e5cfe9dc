package dev.lifeline.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.events.ControlCharacters;
import dev.lifeline.gateway.events.EventJson;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API on the JDK's own HTTP server (a few read-only JSON endpoints do not justify
 * a web framework): {@code GET /api/status}, {@code /api/registrations}, {@code /api/calls},
 * {@code /api/events?since=10m&limit=N}, {@code /api/history} (the dashboard's charts),
 * {@code /api/stream} (Server-Sent Events: a snapshot every second and each event as it
 * happens, see {@link DashboardFeed}), and {@code GET /metrics} in the Prometheus text format;
 * the dashboard page itself at {@code /} and {@code /ui/*} ({@link DashboardAssets}), which
 * holds no data and loads without the token; change control's {@code POST
 * /api/config/apply|confirm|rollback} and {@code GET /api/config/history|diff} ({@link ConfigEndpoints}).
 * Every request needs {@code Authorization: Bearer <token>} — {@code /metrics} too, unless the
 * configuration says {@code admin.metricsPublic: true}; anything else is a 401 with a JSON error. Nothing it returns contains a secret.
 * With {@code admin.faultInjection: true} it also serves {@code /api/faults} (GET, POST, DELETE) for site
 * drills: a WAN path cut or a share of one call's media lost, each ended by the gateway at its deadline;
 * without it those requests are a 403 that says how to enable them.
 * Text that came from the network is returned as received, except that control and invisible
 * formatting characters are JSON-escaped ({@link ControlCharacters}), so that reading the output
 * in a terminal cannot work the terminal. A request it cannot read gets a 400 that says why.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String BEARER = "Bearer ";

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] token;
    private final AdminView view;
    private final InstantSource clock;
    private final ObjectMapper json = ControlCharacters.guard(new ObjectMapper());
    private final EventJson eventJson = new EventJson();
    private final boolean metricsPublic;
    private final DashboardFeed feed;

    private AdminServer(HttpServer server, ExecutorService threads, String token, AdminView view, InstantSource clock,
                        boolean metricsPublic) {
        this.metricsPublic = metricsPublic;
        this.server = server;
        this.threads = threads;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.view = view;
        this.clock = clock;
        this.feed = new DashboardFeed(view, clock, DashboardHistory.standard());
    }

    /**
     * Binds {@code address} and serves.
     *
     * @param allowRemote whether a non-loopback address may be bound (the configuration's explicit
     *     consent, {@code allowRemote: plaintext}: this server has no TLS)
     * @param token at least {@link AdminSettings#MIN_TOKEN_LENGTH} characters
     * @throws IOException the address cannot be bound (in use, not local)
     */
    public static AdminServer start(InetSocketAddress address, boolean allowRemote, String token, AdminView view,
                                    InstantSource clock) throws IOException {
        return start(address, allowRemote, token, view, clock, false);
    }

    /**
     * As {@link #start(InetSocketAddress, boolean, String, AdminView, InstantSource)}.
     *
     * @param metricsPublic whether {@code GET /metrics} answers without the token
     */
    public static AdminServer start(InetSocketAddress address, boolean allowRemote, String token, AdminView view,
                                    InstantSource clock, boolean metricsPublic) throws IOException {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("admin token is empty");
        }
        if (token.length() < AdminSettings.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("admin token is " + token.length() + " characters long; expected at least "
                    + AdminSettings.MIN_TOKEN_LENGTH);
        }
        if (!allowRemote && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("admin API address " + address + " is not loopback; refusing to expose it"
                    + " in plain HTTP without admin.allowRemote: plaintext");
        }
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, threads, token, view, clock, metricsPublic);
        server.createContext("/", admin::handle);
        server.setExecutor(threads);
        server.start();
        return admin;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** e.g. http://127.0.0.1:8089 */
    public URI baseUri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean streaming = false;
        try {
            if (DashboardAssets.serves(exchange.getRequestURI().getPath())) {
                // The page and its scripts hold no data and no secret: they load before the login.
                DashboardAssets.serve(exchange);
                return;
            }
            boolean open = metricsPublic && exchange.getRequestURI().getPath().equals("/metrics");
            if (!open && !authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"lifeline\"");
                error(exchange, 401, "missing or wrong token: send Authorization: Bearer <token>"
                        + " (the token is in the gateway's admin token file)");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(FAULTS)) {
                faults(exchange);
                return;
            }
            if (POSTS.contains(path)) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.getResponseHeaders().add("Allow", "POST");
                    error(exchange, 405, path + " takes POST with a JSON body");
                    return;
                }
                post(exchange, path);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                error(exchange, 405, "only GET is supported");
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/api/stream")) {
                streaming = feed.open(exchange);   // if it did, the stream's writer closes the exchange at its end
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            log.warn("admin API request {} failed", exchange.getRequestURI(), e);
            error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /** Change control's requests that change the gateway. */
    private static final java.util.Set<String> POSTS = java.util.Set.of("/api/config/apply", "/api/config/confirm",
            "/api/config/rollback");

    private void post(HttpExchange exchange, String path) throws IOException {
        Optional<ConfigEndpoints> endpoints = configEndpoints();
        if (endpoints.isEmpty()) {
            error(exchange, 404, "this gateway has no change control");
            return;
        }
        byte[] raw = exchange.getRequestBody().readNBytes(ConfigEndpoints.MAX_BODY + 1);
        if (raw.length > ConfigEndpoints.MAX_BODY) {
            error(exchange, 413, "the body is larger than any site configuration may be");
            return;
        }
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        } catch (JsonProcessingException e) {
            error(exchange, 400, "the body is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            error(exchange, 400, "expected a JSON object");
            return;
        }
        ConfigEndpoints.Reply reply = switch (path) {
            case "/api/config/apply" -> endpoints.get().apply(body);
            case "/api/config/confirm" -> endpoints.get().confirm(body);
            default -> endpoints.get().rollback(body);
        };
        send(exchange, reply.status(), reply.body());
    }

    private Optional<ConfigEndpoints> configEndpoints() {
        return view.changes().map(c -> new ConfigEndpoints(c, json));
    }

    private void configGet(HttpExchange exchange, boolean history) throws IOException {
        Optional<ConfigEndpoints> endpoints = configEndpoints();
        if (endpoints.isEmpty()) {
            error(exchange, 404, "this gateway has no change control");
            return;
        }
        ConfigEndpoints.Reply reply;
        try {
            reply = history ? endpoints.get().history() : endpoints.get().diff(query(exchange.getRequestURI()));
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "cannot read the query string: " + e.getMessage());
            return;
        }
        send(exchange, reply.status(), reply.body());
    }

    private void route(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestURI().getPath()) {
            case "/api/config/history" -> configGet(exchange, true);
            case "/api/config/diff" -> configGet(exchange, false);
            case "/api/status" -> send(exchange, 200, view.status());
            case "/api/registrations" -> send(exchange, 200, registrations());
            case "/api/calls" -> send(exchange, 200, Map.of("calls", view.calls().stream().map(CallReport::of).toList()));
            case "/api/events" -> events(exchange);
            case "/api/history" -> send(exchange, 200, feed.historyJson());
            case "/metrics" -> metrics(exchange);
            default -> error(exchange, 404, "no such endpoint; try /api/status, /api/registrations, /api/calls,"
                    + " /api/events?since=10m, /api/history, /api/stream, /metrics, or / for the dashboard");
        }
    }

    private static final String FAULTS = "/api/faults";

    /**
     * {@code GET /api/faults}: the active faults; {@code POST /api/faults/path-cut?path=wan1&seconds=15};
     * {@code POST /api/faults/media-loss?callId=...&percent=20&seconds=15}; {@code DELETE /api/faults/<id>}
     * ends one, {@code DELETE /api/faults} every one. A 403 when {@code admin.faultInjection} is off.
     */
    private void faults(HttpExchange exchange) throws IOException {
        Optional<dev.lifeline.gateway.fault.FaultInjector> injector = view.faults();
        if (injector.isEmpty()) {
            error(exchange, 403, "fault injection is off on this gateway; set admin.faultInjection: true in its"
                    + " configuration (for a maintenance window) and restart it");
            return;
        }
        dev.lifeline.gateway.fault.FaultInjector faults = injector.get();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> params;
        try {
            params = query(exchange.getRequestURI());
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "cannot read the query string: " + e.getMessage());
            return;
        }
        switch (method + " " + path) {
            case "GET /api/faults" -> send(exchange, 200, Map.of("faults", faults.active().stream()
                    .map(AdminServer::faultMap).toList()));
            case "DELETE /api/faults" -> send(exchange, 200, Map.of("ended", faults.endAll("ended through the admin API")));
            case "POST /api/faults/path-cut" -> {
                Optional<java.time.Duration> seconds = seconds(exchange, params);
                if (seconds.isEmpty()) {
                    return;
                }
                if (!params.containsKey("path")) {
                    error(exchange, 400, "path is missing; expected ?path=<WAN path name>&seconds=N");
                    return;
                }
                outcome(exchange, faults.cutPath(params.get("path"), seconds.get()));
            }
            case "POST /api/faults/media-loss" -> {
                Optional<java.time.Duration> seconds = seconds(exchange, params);
                if (seconds.isEmpty()) {
                    return;
                }
                Optional<Integer> percent = integer(params.get("percent"));
                if (!params.containsKey("callId") || percent.isEmpty()) {
                    error(exchange, 400, "callId or percent is missing or not a number; expected"
                            + " ?callId=<Call-ID>&percent=1..100&seconds=N");
                    return;
                }
                outcome(exchange, faults.loseMedia(params.get("callId"), percent.get(), seconds.get()));
            }
            default -> {
                if (method.equals("DELETE") && path.startsWith(FAULTS + "/")) {
                    String id = path.substring(FAULTS.length() + 1);
                    if (faults.end(id, "ended through the admin API")) {
                        send(exchange, 200, Map.of("ended", id));
                    } else {
                        error(exchange, 404, "no active fault with id " + id + " (it may have reached its deadline)");
                    }
                    return;
                }
                error(exchange, 404, "no such fault endpoint; try GET /api/faults, POST /api/faults/path-cut,"
                        + " POST /api/faults/media-loss, DELETE /api/faults/<id>");
            }
        }
    }

    private void outcome(HttpExchange exchange, dev.lifeline.gateway.fault.FaultInjector.Outcome outcome)
            throws IOException {
        switch (outcome) {
            case dev.lifeline.gateway.fault.FaultInjector.Started s -> send(exchange, 201, faultMap(s.fault()));
            case dev.lifeline.gateway.fault.FaultInjector.Refused r -> error(exchange, r.refusal().status(),
                    r.refusal().message());
        }
    }

    private Optional<java.time.Duration> seconds(HttpExchange exchange, Map<String, String> params) throws IOException {
        Optional<Integer> s = integer(params.get("seconds"));
        if (s.isEmpty()) {
            error(exchange, 400, "seconds is missing or not a whole number; expected e.g. seconds=15 (the fault's"
                    + " deadline: the gateway ends it by itself then)");
            return Optional.empty();
        }
        return Optional.of(java.time.Duration.ofSeconds(s.get()));
    }

    private static Optional<Integer> integer(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> faultMap(dev.lifeline.gateway.fault.Fault f) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", f.id());
        m.put("kind", f.kind());
        m.put("target", f.target());
        m.put("detail", f.detail());
        m.put("started", f.started().toString());
        m.put("until", f.until().toString());
        return m;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        Optional<String> text = view.metrics();
        if (text.isEmpty()) {
            error(exchange, 404, "this gateway keeps no metrics");
            return;
        }
        byte[] bytes = text.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", GatewayMetrics.CONTENT_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Map<String, Object> registrations() {
        Instant now = clock.instant();
        return Map.of("registrations", view.registrations().stream().map(b -> RegistrationReport.of(b, now)).toList());
    }

    private void events(HttpExchange exchange) throws IOException {
        Map<String, String> params;
        try {
            params = query(exchange.getRequestURI());
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "cannot read the query string: " + e.getMessage()
                    + "; expected e.g. ?since=10m&limit=100 with %-escapes as two hex digits");
            return;
        }
        switch (EventQuery.parse(params, clock.instant())) {
            case EventQuery.Parsed.Invalid invalid -> error(exchange, 400, invalid.message());
            case EventQuery.Parsed.Ok ok -> {
                ObjectNode body = json.createObjectNode();
                ArrayNode list = body.putArray("events");
                for (LoggedEvent e : view.events(ok.query().since(), ok.query().limit())) {
                    list.add(eventNode(e));
                }
                send(exchange, 200, body);
            }
        }
    }

    private ObjectNode eventNode(LoggedEvent e) throws JsonProcessingException {
        ObjectNode node = json.createObjectNode();
        node.put("id", e.id());
        node.put("type", e.event().type());
        node.put("at", e.event().at().toString());
        if (e.occurrences() > 1) {
            // Repeats folded into this row: how many, until when, and whether from other sources too.
            node.put("occurrences", e.occurrences());
            node.put("lastAt", e.lastAt().toString());
            if (e.manySources()) {
                node.put("manySources", true);
            }
        }
        node.set("event", json.readTree(eventJson.encode(e.event())));
        return node;
    }

    /** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return false;
        }
        byte[] offered = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, token);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A JSON error for a request handled outside the routing (the dashboard stream). */
    static void plainError(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = new ObjectMapper().writeValueAsBytes(Map.of("error", message, "status", status));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("error", message, "status", status));
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting, gives requests in flight a moment to finish. */
    @Override
    public void close() {
        feed.close();
        server.stop(1);
        threads.shutdownNow();
    }

}
