package dev.lifeline.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** Reads a test gateway's admin API. */
public final class AdminClient {

    public record Reply(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static AdminClient of(Gateway g) throws IOException {
        return new AdminClient(g.adminUri(), Files.readString(g.adminTokenFile().orElseThrow()).strip());
    }

    public Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, token);
    }

    /** POSTs {@code json} as the body. */
    public Reply post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), new ObjectMapper().readTree(r.body()));
    }

    public Reply get(String pathAndQuery, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), new ObjectMapper().readTree(r.body()));
    }
}
