package dev.lifeline.drill.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running gateway's admin API as a site drill uses it: status, events, and the fault
 * endpoints. Every request is bounded by a timeout; a failure is a {@link SiteDrillException}
 * that says which request failed and why (the gateway's own error text when it answered).
 */
public final class SiteAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A fault the gateway started for this drill, with the deadline it will enforce. */
    public record StartedFault(String id, String kind, String target, Instant started, Instant until) {
    }

    /** An event from the gateway's log: its type, time and fields. */
    public record GatewayEvent(long id, String type, Instant at, JsonNode fields) {
        public String text(String field) {
            return fields.path(field).asText("");
        }
    }

    public SiteAdmin(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public URI base() {
        return base;
    }

    /** The active path's name, from {@code /api/status}; empty in survival mode or without paths. */
    public Optional<String> activePath() throws SiteDrillException {
        for (JsonNode p : request("GET", "/api/status", 200).path("paths")) {
            if (p.path("active").asBoolean(false)) {
                return Optional.of(p.path("name").asText());
            }
        }
        return Optional.empty();
    }

    /** When the running gateway started, from {@code /api/status} (its clock): a restart changes it. */
    public Instant startedAt() throws SiteDrillException {
        String at = request("GET", "/api/status", 200).path("startedAt").asText("");
        try {
            return Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new SiteDrillException("the gateway's /api/status has no startedAt time (\"" + at + "\")", e);
        }
    }

    /** The bindings the gateway lists now ({@code /api/registrations}), with when each was last registered. */
    public List<BindingRecovery.Binding> registrations() throws SiteDrillException {
        List<BindingRecovery.Binding> out = new ArrayList<>();
        for (JsonNode r : request("GET", "/api/registrations", 200).path("registrations")) {
            Optional<Instant> at;
            try {
                at = r.hasNonNull("registeredAt") ? Optional.of(Instant.parse(r.path("registeredAt").asText()))
                        : Optional.empty();
            } catch (java.time.format.DateTimeParseException e) {
                at = Optional.empty();
            }
            out.add(new BindingRecovery.Binding(r.path("aor").asText(), r.path("contact").asText(),
                    r.path("transport").asText(), at));
        }
        return out;
    }

    /** Checks that the API answers and lets this drill inject faults (a GET of the fault list). */
    public List<String> activeFaults() throws SiteDrillException {
        List<String> ids = new ArrayList<>();
        request("GET", "/api/faults", 200).path("faults").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    public StartedFault cutPath(String path, Duration length) throws SiteDrillException {
        return fault(request("POST", "/api/faults/path-cut?path=" + enc(path) + "&seconds=" + length.toSeconds(), 201));
    }

    public StartedFault loseMedia(String callId, int percent, Duration length) throws SiteDrillException {
        return fault(request("POST", "/api/faults/media-loss?callId=" + enc(callId) + "&percent=" + percent
                + "&seconds=" + length.toSeconds(), 201));
    }

    /** Ends a fault this drill started; false when the gateway had ended it already (its deadline). */
    public boolean end(String id) throws SiteDrillException {
        try {
            request("DELETE", "/api/faults/" + enc(id), 200);
            return true;
        } catch (SiteDrillException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return false;
            }
            throw e;
        }
    }

    /** The events at or after {@code since}, oldest first (at most 1000). */
    public List<GatewayEvent> events(Instant since) throws SiteDrillException {
        List<GatewayEvent> out = new ArrayList<>();
        for (JsonNode e : request("GET", "/api/events?since=" + enc(since.toString()) + "&limit=1000", 200)
                .path("events")) {
            out.add(new GatewayEvent(e.path("id").asLong(), e.path("type").asText(),
                    Instant.parse(e.path("at").asText()), e.path("event")));
        }
        return out;
    }

    private static StartedFault fault(JsonNode f) {
        return new StartedFault(f.path("id").asText(), f.path("kind").asText(), f.path("target").asText(),
                Instant.parse(f.path("started").asText()), Instant.parse(f.path("until").asText()));
    }

    private JsonNode request(String method, String path, int expected) throws SiteDrillException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SiteDrillException("the gateway's admin API at " + base + " did not answer " + method + " "
                    + path.replaceAll("\\?.*", "") + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); is the gateway running, and is --config the file it runs with?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteDrillException("interrupted while asking the gateway " + method + " " + path, e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new SiteDrillException("the admin API answered " + method + " " + path + " with HTTP "
                    + response.statusCode() + " and no JSON", e);
        }
        if (response.statusCode() != expected) {
            throw new SiteDrillException("the gateway refused " + method + " " + path.replaceAll("\\?.*", "")
                    + ": HTTP " + response.statusCode() + ": " + body.path("error").asText(response.body()));
        }
        return body;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
