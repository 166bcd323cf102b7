package io.genfleet.common.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Versioned;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A request to generate one item, published to its lane topic keyed by {@code {batchId}/{itemKey}}.
 * The same record travels through the delay topics and into the dead-letter topic unchanged; the
 * attempt number is not in the payload but follows from the topic it is read from.
 *
 * @param schemaVersion  {@value #SCHEMA_VERSION}
 * @param batchId        the batch
 * @param itemKey        the item key
 * @param prompt         what to generate
 * @param epoch          0 for the first run, +1 for each manual retry or replay
 * @param priorAttempts  attempts made in earlier epochs (so providers can count across epochs)
 * @param simulate       per-item behaviour of the simulated provider, or null
 * @param requestedAt    when the producer accepted it (for a dependent item: when its dependencies completed)
 * @param inputs         for an item that waited for others (a scene's video): the {@code resultUri}s of what it
 *                       waited for, in storyboard order; null for every other item
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationRequest(
        int schemaVersion,
        String batchId,
        String itemKey,
        String prompt,
        int epoch,
        int priorAttempts,
        Simulation simulate,
        Instant requestedAt,
        List<String> inputs) implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public GenerationRequest {
        ItemId.of(batchId, itemKey);
        if (prompt == null) {
            throw new IllegalArgumentException("prompt is required");
        }
        if (epoch < 0 || priorAttempts < 0) {
            throw new IllegalArgumentException("epoch and priorAttempts must be >= 0");
        }
        if (requestedAt == null) {
            throw new IllegalArgumentException("requestedAt is required");
        }
        requestedAt = requestedAt.truncatedTo(ChronoUnit.MILLIS);
        inputs = inputs == null ? null : List.copyOf(inputs);
    }

    /** A request without inputs. */
    public GenerationRequest(int schemaVersion, String batchId, String itemKey, String prompt, int epoch,
                             int priorAttempts, Simulation simulate, Instant requestedAt) {
        this(schemaVersion, batchId, itemKey, prompt, epoch, priorAttempts, simulate, requestedAt, null);
    }

    public static GenerationRequest first(ItemId id, String prompt, Simulation simulate, Instant requestedAt) {
        return new GenerationRequest(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), prompt, 0, 0,
                simulate, requestedAt);
    }

    /** The same request for the next epoch (a manual retry or a dead-letter replay). */
    public GenerationRequest nextEpoch(int attemptsInThisEpoch, Instant requestedAt) {
        return new GenerationRequest(SCHEMA_VERSION, batchId, itemKey, prompt, epoch + 1,
                priorAttempts + attemptsInThisEpoch, simulate, requestedAt, inputs);
    }

    /**
     * This held request released for {@code epoch}: the dependencies' results as inputs.
     *
     * @param priorAttempts attempts made in earlier epochs
     */
    public GenerationRequest released(int epoch, int priorAttempts, List<String> inputs,
                                      Instant releasedAt) {
        return new GenerationRequest(SCHEMA_VERSION, batchId, itemKey, prompt, epoch, priorAttempts, simulate,
                releasedAt, inputs);
    }

    public ItemId itemId() {
        return ItemId.of(batchId, itemKey);
    }

    public Lane lane() {
        return ItemKey.parse(itemKey).lane();
    }

    /** Sent with every provider call of this epoch so a provider can drop duplicate deliveries. */
    public String idempotencyKey() {
        return itemId().idempotencyKey(epoch);
    }
}
