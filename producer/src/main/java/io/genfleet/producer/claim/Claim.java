package io.genfleet.producer.claim;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.DeadLetterRef;

/**
 * Something only one requeue may ever do, and the unique id of one attempt to do it.
 *
 * <p>Keys: {@code {batchId}/{itemKey}/epoch-{n}} — "start epoch n of this item", shared by retry-failed and
 * dead-letter replay so that they also exclude each other — and {@code dlt:{topic}/{partition}/{offset}} —
 * "replay this dead letter", which the replay tool claims as well so that no dead letter is replayed twice
 * across runs.
 *
 * @param key     what is claimed; the Kafka key of the claim record, so every claim of a key lands on the same
 *                partition, in one order that every reader sees
 * @param claimId this attempt
 */
public record Claim(String key, String claimId) {

    public static String nextEpochKey(ItemId item, int nextEpoch) {
        return item + "/epoch-" + nextEpoch;
    }

    public static String deadLetterKey(DeadLetterRef ref) {
        return "dlt:" + ref.topic() + "/" + ref.partition() + "/" + ref.offset();
    }
}
