package io.genfleet.producer.batch;

import io.genfleet.common.webhook.Notify;
import java.util.List;

/**
 * A storyboard expanded into its items, in storyboard order (scene by scene, images before the video).
 *
 * @param batchId the batch
 * @param items   every item; never empty
 * @param webhook the batch's webhook receiver, or null
 */
public record Batch(String batchId, List<BatchItem> items, Notify webhook) {

    public Batch {
        items = List.copyOf(items);
    }

    /** A batch without webhooks. */
    public Batch(String batchId, List<BatchItem> items) {
        this(batchId, items, null);
    }

    public List<String> itemKeys() {
        return items.stream().map(item -> item.id().itemKey().toString()).toList();
    }
}
