package io.genfleet.aggregator.topology;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;

/** Summaries for tests, made the way the aggregator makes them. */
public final class Summaries {

    private Summaries() {
    }

    /** The summary of a batch whose items have these states. */
    public static BatchSummary of(String batchId, ItemState... items) {
        BatchSummary summary = BatchSummary.empty(batchId);
        for (ItemState item : items) {
            summary = BatchTotals.add(summary, item);
        }
        return summary;
    }
}
