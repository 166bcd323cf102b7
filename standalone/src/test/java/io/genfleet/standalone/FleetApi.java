package io.genfleet.standalone;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The fleet's HTTP API as the integration tests use it: {@link GenfleetApi} plus waiting for item states. */
final class FleetApi {

    private final GenfleetApi api;
    private final String apiKey;

    FleetApi(URI baseUrl, String apiKey) {
        this.api = new GenfleetApi(baseUrl, apiKey, Duration.ofSeconds(30));
        this.apiKey = apiKey;
    }

    String apiKey() {
        return apiKey;
    }

    URI baseUrl() {
        return api.baseUrl();
    }

    /** A POST of a JSON body ({@code null}: an empty object), answered with any status. */
    ApiResponse post(String path, String body) {
        return call(() -> api.postJson(path, body == null ? "{}" : body));
    }

    /** The JSON of a GET answered 200, or null for any other status. */
    JsonNode get(String path) {
        ApiResponse response = send(path);
        return response.status() == 200 ? response.json() : null;
    }

    /** A GET, answered with any status. */
    ApiResponse send(String path) {
        return call(() -> api.get(path));
    }

    String text(String path) {
        return send(path).body();
    }

    /** {@code POST /api/batches/{id}/retry-failed}, expecting 202. */
    JsonNode retryFailed(String batchId) {
        return call(() -> api.retryFailed(batchId)).expect(202, "retry-failed of " + batchId);
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

    private interface Call {
        ApiResponse run() throws IOException;
    }

    private static ApiResponse call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
