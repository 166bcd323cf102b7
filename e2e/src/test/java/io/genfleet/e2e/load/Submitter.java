package io.genfleet.e2e.load;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/** Posts storyboards to the producer and writes every answer into the {@link Ledger}. */
public final class Submitter {

    /** The producer may wait for Kafka up to its delivery timeout (30 s) plus its max block (5 s). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final GenfleetApi producer;
    private final Ledger ledger;

    public Submitter(String producerUrl, String apiKey, Ledger ledger) {
        this.producer = new GenfleetApi(URI.create(producerUrl), apiKey, REQUEST_TIMEOUT);
        this.ledger = ledger;
    }

    /** One submission; the answer is in the ledger either way. Returns the accepted batch, if it was accepted. */
    public Optional<Ledger.Accepted> submit(String caseId, String body) {
        Instant sent = Instant.now();
        ApiResponse response;
        try {
            response = producer.submit(body);
        } catch (IOException e) {
            ledger.refused(new Ledger.Refused(caseId, 0, Optional.empty(), e.toString(), sent, Instant.now()));
            return Optional.empty();
        }
        if (response.status() == 202) {
            JsonNode json = response.json();
            List<String> keys = itemKeys(json);
            Ledger.Accepted accepted = new Ledger.Accepted(caseId, json.path("batchId").asString(), keys,
                    sent, Instant.now());
            if (keys.size() != json.path("total").asInt()) {
                throw new IllegalStateException("202 with " + keys.size() + " items but total "
                        + json.path("total").asInt());
            }
            ledger.accepted(accepted);
            return Optional.of(accepted);
        }
        String detail = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
        ledger.refused(new Ledger.Refused(caseId, response.status(), response.retryAfter(), detail, sent,
                Instant.now()));
        return Optional.empty();
    }

    /** The producer's answer to "retry all failed" of one batch: how many items it requeued, and which. */
    public record Requeued(int requeued, List<String> items) {
    }

    /** {@code POST /api/batches/{id}/retry-failed}; anything but a 202 fails the case. */
    public Requeued retryFailed(String batchId) throws IOException {
        JsonNode json = producer.retryFailed(batchId).expect(202, "retry-failed of " + batchId);
        return new Requeued(json.path("requeued").asInt(), itemKeys(json));
    }

    /** The {@code items} array of an answer (item keys), as submitting and retry-failed both return it. */
    private static List<String> itemKeys(JsonNode answer) {
        List<String> keys = new ArrayList<>();
        answer.path("items").forEach(item -> keys.add(item.asString()));
        return List.copyOf(keys);
    }

    /**
     * Submits {@code items} items in standard batches of 100; a refusal (503 while Kafka or the aggregator is away) is retried every second, so
     * the load is always complete. Returns the accepted batches.
     */
    public List<Ledger.Accepted> load(String caseId, int items, String body) {
        List<Ledger.Accepted> accepted = new ArrayList<>();
        for (int batch = 0; batch < items / Storyboards.ITEMS_PER_BATCH; batch++) {
            AtomicReference<Optional<Ledger.Accepted>> result = new AtomicReference<>(Optional.empty());
            await().alias(caseId + " batch " + batch + " accepted").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1)).pollDelay(Duration.ZERO)
                    .until(() -> {
                        result.set(submit(caseId, body));
                        return result.get().isPresent();
                    });
            accepted.add(result.get().orElseThrow());
        }
        return accepted;
    }
}
