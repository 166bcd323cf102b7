package io.genfleet.producer.batch;

import java.util.List;

/**
 * A storyboard expanded into its items, in storyboard order (scene by scene, images before the video).
 *
 * @param batchId the batch
 * @param items   every item; never empty
 */
public record Batch(String batchId, List<BatchItem> items) {

    public Batch {
        items = List.copyOf(items);
    }

    public List<String> itemKeys() {
        return items.stream().map(item -> item.id().itemKey().toString()).toList();
    }
}
