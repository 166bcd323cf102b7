package io.genfleet.producer.batch;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.request.Simulation;
import java.util.List;
import java.util.Map;

/**
 * One item of an expanded storyboard, ready to be written.
 *
 * @param id       {@code {batchId}/{itemKey}}, the Kafka key of its request and status events
 * @param prompt   what to generate
 * @param simulate the simulated provider's behaviour for this item, or null
 * @param dependsOn the items it waits for (a scene's video: the scene's images), in storyboard order; empty when it
 *                  is queued at once
 * @param params    passed to the provider, or null
 * @param imageUri  the image a video animates, named by the storyboard, or null
 */
public record BatchItem(ItemId id, String prompt, Simulation simulate, List<ItemKey> dependsOn,
                        Map<String, Object> params, String imageUri) {

    public BatchItem {
        dependsOn = List.copyOf(dependsOn);
    }

    public BatchItem(ItemId id, String prompt, Simulation simulate, List<ItemKey> dependsOn) {
        this(id, prompt, simulate, dependsOn, null, null);
    }

    /** An item queued at once. */
    public BatchItem(ItemId id, String prompt, Simulation simulate) {
        this(id, prompt, simulate, List.of());
    }
}
