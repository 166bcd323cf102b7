package io.genfleet.standalone;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The fleet's HTTP API as the integration tests use it. */
final class FleetApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI baseUrl;
    private final String apiKey;

    FleetApi(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    String apiKey() {
        return apiKey;
    }

    URI baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The JSON of a GET answered 200, or null for any other status. */
    JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("X-API-Key", apiKey).GET());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }

    /** A GET with the key, answered with any status. */
    HttpResponse<String> send(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("X-API-Key", apiKey).GET());
    }

    String text(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("X-API-Key", apiKey).GET()).body();
    }

    /** {@code POST /api/batches/{id}/retry-failed}, expecting 202. */
    JsonNode retryFailed(String batchId) {
        HttpResponse<String> response = post("/api/batches/" + batchId + "/retry-failed", null);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("retry-failed answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** Waits until every item of the batch satisfies the condition; returns the items. */
    List<JsonNode> awaitItems(String batchId, int expected, String alias, Predicate<JsonNode> condition) {
        return await(alias).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> items(batchId), items -> items.size() == expected && items.stream().allMatch(condition));
    }

    List<JsonNode> items(String batchId) {
        JsonNode items = get("/api/batches/" + batchId + "/items");
        List<JsonNode> list = new ArrayList<>();
        if (items != null) {
            items.forEach(list::add);
        }
        return list;
    }

    static Predicate<JsonNode> is(String status, int epoch) {
        return item -> status.equals(item.path("status").asString()) && item.path("epoch").asInt() == epoch;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
