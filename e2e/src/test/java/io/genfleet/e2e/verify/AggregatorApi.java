package io.genfleet.e2e.verify;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The aggregator's HTTP API, as a client sees it (through the project's one client, {@link GenfleetApi}). */
public final class AggregatorApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final GenfleetApi api;

    public AggregatorApi(String baseUrl, String apiKey) {
        this.api = new GenfleetApi(URI.create(baseUrl), apiKey, TIMEOUT);
    }

    /** {@code GET /api/batches/{id}} as it came back. */
    public record Summary(int total, int pending, int generating, int complete, int failed, int failedPermanent,
                          int retries, boolean done) {

        static Summary of(JsonNode json) {
            JsonNode counts = json.path("counts");
            return new Summary(json.path("total").asInt(), counts.path("pending").asInt(),
                    counts.path("generating").asInt(), counts.path("complete").asInt(), counts.path("failed").asInt(),
                    counts.path("failed_permanent").asInt(), json.path("retries").asInt(), json.path("done").asBoolean());
        }

        public int terminal() {
            return complete + failedPermanent;
        }

        public int counted() {
            return pending + generating + complete + failed + failedPermanent;
        }
    }

    /** One element of {@code GET /api/batches/{id}/items}. */
    public record Item(String itemKey, String status, int epoch, int attempt) {
    }

    /** One answer of the summary endpoint: the HTTP status, {@code Retry-After}, and the summary on a 200. */
    public record Answer(int status, Optional<String> retryAfter, Optional<Summary> summary) {
    }

    /** The summary endpoint's answer; status 0 when there was no answer (process down). */
    public Answer ask(String batchId) {
        try {
            ApiResponse response = api.batch(batchId);
            return new Answer(response.status(), response.retryAfter(),
                    response.status() == 200 ? Optional.of(Summary.of(response.json())) : Optional.empty());
        } catch (IOException e) {
            return new Answer(0, Optional.empty(), Optional.empty());
        }
    }

    /** The summary, when the aggregator answers 200. */
    public Optional<Summary> summary(String batchId) {
        return ask(batchId).summary();
    }

    /** One answer of the items endpoint: the HTTP status (0: no answer), and the items on a 200. */
    public record ItemsAnswer(int status, Optional<List<Item>> items) {
    }

    /** The items, when the aggregator answers 200. */
    public Optional<List<Item>> items(String batchId) {
        return askItems(batchId).items();
    }

    public ItemsAnswer askItems(String batchId) {
        try {
            ApiResponse response = api.items(batchId);
            if (response.status() != 200) {
                return new ItemsAnswer(response.status(), Optional.empty());
            }
            List<Item> items = new ArrayList<>();
            response.json().forEach(item -> items.add(new Item(item.path("itemKey").asString(),
                    item.path("status").asString(), item.path("epoch").asInt(), item.path("attempt").asInt())));
            return new ItemsAnswer(200, Optional.of(items));
        } catch (IOException e) {
            return new ItemsAnswer(0, Optional.empty());
        }
    }
}
