package io.genfleet.producer.status;

import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ItemError;

/**
 * An item that is {@code failed_permanent}, as the aggregator's {@code GET /api/batches/{id}/dead-letters}
 * lists it.
 *
 * @param itemKey    the item
 * @param epoch      the epoch that failed
 * @param attempt    the attempt that failed last
 * @param lastError  the failure
 * @param deadLetter where its dead letter lies, or null when unknown
 */
public record DeadLetteredItem(String itemKey, int epoch, int attempt, ItemError lastError, DeadLetterRef deadLetter) {
}
