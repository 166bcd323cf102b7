package io.genfleet.common.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Versioned;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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
 * @param params         the storyboard item's {@code params}, passed to the provider as they are (see
 *                       {@link ProviderParams} for the rules); null when it has none
 * @param imageUri       for a video: the image to animate, given by the storyboard (see {@link ImageUri}); null when
 *                       it names none (the provider then uses the first of {@code inputs}, if any)
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
        List<String> inputs,
        Map<String, Object> params,
        String imageUri) implements Versioned {

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
        params = ProviderParams.copyOf(params);
        imageUri = ImageUri.require(imageUri);
    }

    /** A request without inputs and without what the storyboard passes to the provider. */
    public GenerationRequest(int schemaVersion, String batchId, String itemKey, String prompt, int epoch,
                             int priorAttempts, Simulation simulate, Instant requestedAt) {
        this(schemaVersion, batchId, itemKey, prompt, epoch, priorAttempts, simulate, requestedAt, null, null, null);
    }

    public static GenerationRequest first(ItemId id, String prompt, Simulation simulate, Instant requestedAt) {
        return new GenerationRequest(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), prompt, 0, 0,
                simulate, requestedAt);
    }

    /** The first request of an item with what its storyboard entry passes to the provider. */
    public static GenerationRequest first(ItemId id, String prompt, Simulation simulate, Instant requestedAt,
                                          Map<String, ?> params, String imageUri) {
        return new GenerationRequest(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), prompt, 0, 0,
                simulate, requestedAt, null, ProviderParams.copyOf(params), imageUri);
    }

    /** The image a provider should start from: the storyboard's {@code imageUri}, else the first input, else null. */
    public String effectiveImageUri() {
        if (imageUri != null) {
            return imageUri;
        }
        return inputs == null || inputs.isEmpty() ? null : inputs.get(0);
    }

    /** The same request for the next epoch (a manual retry or a dead-letter replay). */
    public GenerationRequest nextEpoch(int attemptsInThisEpoch, Instant requestedAt) {
        return new GenerationRequest(SCHEMA_VERSION, batchId, itemKey, prompt, epoch + 1,
                priorAttempts + attemptsInThisEpoch, simulate, requestedAt, inputs, params, imageUri);
    }

    /**
     * This held request released for {@code epoch}: the dependencies' results as inputs.
     *
     * @param priorAttempts attempts made in earlier epochs
     */
    public GenerationRequest released(int epoch, int priorAttempts, List<String> inputs,
                                      Instant releasedAt) {
        return new GenerationRequest(SCHEMA_VERSION, batchId, itemKey, prompt, epoch, priorAttempts, simulate,
                releasedAt, inputs, params, imageUri);
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
