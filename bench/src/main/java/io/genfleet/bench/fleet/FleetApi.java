package io.genfleet.bench.fleet;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The fleet's HTTP API, used exactly as a client would (the benchmark never reads a store directly). */
public final class FleetApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI baseUrl;
    private final String apiKey;

    /** @param apiKey sent with every request as {@code Authorization: Bearer} */
    public FleetApi(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** {@code POST /api/batches}; returns the 202 body ({@code batchId}, {@code total}, {@code items}). */
    public JsonNode submit(Object storyboard) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("/api/batches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(storyboard))));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/batches answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** {@code GET /api/batches/{id}}; empty while the aggregator has not seen the batch (404) or is not ready (503). */
    public Optional<JsonNode> summary(String batchId) {
        return getJson("/api/batches/" + batchId);
    }

    /** {@code GET /api/batches/{id}/items/{itemKey}}; empty while the item is unknown or the store is not ready. */
    public Optional<JsonNode> item(String batchId, String itemKey) {
        return getJson("/api/batches/" + batchId + "/items/" + itemKey);
    }

    /** Waits until the aggregator answers queries (404 for an unknown batch instead of 503 while starting). */
    void awaitAggregatorReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int status = send(HttpRequest.newBuilder(baseUrl.resolve("/api/batches/bench-readiness-probe")).GET())
                    .statusCode();
            if (status == 404) {
                return;
            }
            Pause.briefly(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the aggregator was not ready within " + timeout);
    }

    private Optional<JsonNode> getJson(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET());
        if (response.statusCode() == 200) {
            return Optional.of(Json.mapper().readTree(response.body()));
        }
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return Optional.empty();
        }
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // Every /api request needs a key, reads included.
            return http.send(request.header("Authorization", "Bearer " + apiKey).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
