package io.genfleet.aggregator.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;

/**
 * {@code GET /api/batches/{batchId}}, and the {@code summary} event of the stream.
 *
 * @param progress the terminal fraction, 0..1
 * @param done     every item is terminal
 */
public record BatchSummaryResponse(String batchId, int total, Counts counts, int retries, double progress,
                                   boolean done, Instant updatedAt) {

    /** Items per status, every status present. */
    public record Counts(int pending, int generating, int complete, int failed,
                         @JsonProperty("failed_permanent") int failedPermanent) {
    }

    public static BatchSummaryResponse of(BatchSummary summary) {
        Counts counts = new Counts(summary.count(ItemStatus.PENDING), summary.count(ItemStatus.GENERATING),
                summary.count(ItemStatus.COMPLETE), summary.count(ItemStatus.FAILED),
                summary.count(ItemStatus.FAILED_PERMANENT));
        return new BatchSummaryResponse(summary.batchId(), summary.itemCount(), counts, summary.retries(),
                summary.progress(), summary.done(), summary.updatedAt());
    }
}
