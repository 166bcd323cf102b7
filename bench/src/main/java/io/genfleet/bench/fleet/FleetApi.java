package io.genfleet.bench.fleet;

import io.genfleet.common.client.GenfleetApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark's calls of the fleet's HTTP API, through the project's one client ({@link GenfleetApi}), exactly
 * as a user would call it (the benchmark never reads a store directly). A failed call ends the run, so every
 * failure here is unchecked.
 */
public final class FleetApi {

    private final GenfleetApi api;

    public FleetApi(URI baseUrl, String apiKey) {
        this.api = new GenfleetApi(baseUrl, apiKey, Duration.ofSeconds(30));
    }

    /** {@code POST /api/batches}; returns the 202 body ({@code batchId}, {@code total}, {@code items}). */
    public JsonNode submit(Object storyboard) {
        return unchecked(() -> api.submit(storyboard).expect(202, "POST /api/batches"));
    }

    /** {@code GET /api/batches/{id}}; empty while the aggregator has not seen the batch (404) or is not ready (503). */
    public Optional<JsonNode> summary(String batchId) {
        return unchecked(() -> api.batch(batchId).jsonWhenServed("GET batch " + batchId));
    }

    /** {@code GET /api/batches/{id}/items/{itemKey}}; empty while the item is unknown or the store is not ready. */
    public Optional<JsonNode> item(String batchId, String itemKey) {
        return unchecked(() -> api.item(batchId, itemKey).jsonWhenServed("GET item " + batchId + "/" + itemKey));
    }

    /** Waits until the aggregator answers queries (404 for an unknown batch instead of 503 while starting). */
    void awaitAggregatorReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unchecked(() -> api.batch("bench-readiness-probe").status()) == 404) {
                return;
            }
            Pause.briefly(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the aggregator was not ready within " + timeout);
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
