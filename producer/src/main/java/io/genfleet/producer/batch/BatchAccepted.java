package io.genfleet.producer.batch;

import java.util.List;

/**
 * The 202 answer: the batch is committed to Kafka.
 *
 * @param batchId the batch (generated when the request had none)
 * @param total   the number of items
 * @param items   the item keys, in storyboard order
 */
public record BatchAccepted(String batchId, int total, List<String> items) {

    public static BatchAccepted of(Batch batch) {
        List<String> keys = batch.itemKeys();
        return new BatchAccepted(batch.batchId(), keys.size(), keys);
    }
}
