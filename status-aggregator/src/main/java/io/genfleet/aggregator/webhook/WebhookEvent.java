package io.genfleet.aggregator.webhook;

import java.time.Instant;

/**
 * One webhook delivery's body: {@code {"id", "type", "createdAt", "data"}}. The id is stable across the retries of a
 * delivery (and derived from what happened, e.g. {@code {batchId}/batch.done/{completedAt}}), so receivers can drop
 * duplicates: delivery is at least once.
 *
 * @param id        stable id of the event
 * @param type      {@code batch.done} or {@code item.failed_permanent}
 * @param createdAt when it happened
 * @param data      the batch summary or the item view
 */
public record WebhookEvent(String id, String type, Instant createdAt, Object data) {
}
