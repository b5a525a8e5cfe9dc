package dev.lifeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.gateway.events.ControlCharacters;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A running gateway's admin API, read with its bearer token. */
final class AdminApi {

    /** Writes JSON for a terminal: control and invisible characters as escapes, never raw. */
    private static final ObjectMapper PRINTER = ControlCharacters.guard(new ObjectMapper());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI base;
    private final String token;

    AdminApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    /** The JSON body of a 200; anything else is an {@link AdminOptions.Unusable} saying why. */
    JsonNode get(String pathAndQuery) throws AdminOptions.Unusable, InterruptedException {
        Answer answer = fetch(pathAndQuery);
        if (!answer.ok()) {
            throw new AdminOptions.Unusable("the admin API answered " + answer.status() + ": "
                    + ControlCharacters.visible(answer.body().has("error") ? answer.body().get("error").asText()
                    : answer.body().toString()));
        }
        return answer.body();
    }

    /** An answer of the admin API that is not an authentication or connection failure. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        /** The error the API gave, safe to print. */
        String error() {
            return ControlCharacters.visible(body.path("error").asText("status " + status));
        }
    }

    /** POSTs {@code body} as JSON; any answer but a 401 comes back, 4xx refusals included. */
    Answer post(String path, JsonNode body) throws AdminOptions.Unusable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** GETs {@code pathAndQuery}; any answer but a 401 comes back. */
    Answer fetch(String pathAndQuery) throws AdminOptions.Unusable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    private Answer send(HttpRequest.Builder builder) throws AdminOptions.Unusable, InterruptedException {
        HttpRequest request = builder.timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw notRunning();
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw notRunning();
            }
            throw new AdminOptions.Unusable("the admin API at " + base + " failed: " + e.getMessage());
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 401) {
            throw new AdminOptions.Unusable("the gateway at " + base + " refused the admin token"
                    + " (is it the token file of the gateway running there?)");
        }
        if (response.statusCode() == 404 && body.path("error").asText().startsWith("no such endpoint")) {
            throw new AdminOptions.Unusable("the gateway at " + base + " has no change control (an older version?)");
        }
        return new Answer(response.statusCode(), body);
    }

    /** {@code node} as indented JSON that is safe to print to a terminal. */
    static String pretty(JsonNode node) {
        try {
            return PRINTER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not write: " + e.getOriginalMessage(), e);
        }
    }

    private AdminOptions.Unusable notRunning() {
        return new AdminOptions.Unusable("no gateway answering at " + base + " (is `lifeline gateway run` running?)");
    }

    private JsonNode parse(String text) throws AdminOptions.Unusable {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AdminOptions.Unusable("the admin API at " + base + " did not answer JSON; is it a Lifeline gateway?");
        }
    }
}
