package io.genfleet.standalone.demo;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The HTTP API as a client sees it: the demo and the CLI use the same endpoints users do. */
public final class FleetClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI baseUrl;
    private final String apiKey;

    /** @param apiKey sent as {@code Authorization: Bearer} with every request (reads need a key too) */
    public FleetClient(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** {@code POST /api/batches}; returns the 202 body. */
    public JsonNode submit(Object storyboard) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("/api/batches"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(storyboard))));
        if (response.statusCode() != 202) {
            throw new IOException("submitting the storyboard failed with HTTP " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** {@code GET /api/batches/{id}} as raw JSON; empty while the aggregator has not seen the batch or is restoring. */
    public Optional<String> summaryJson(String batchId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("/api/batches/" + batchId))
                .header("Authorization", "Bearer " + apiKey).GET());
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    /** {@code POST /api/batches/{id}/retry-failed}; returns status code and body. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
