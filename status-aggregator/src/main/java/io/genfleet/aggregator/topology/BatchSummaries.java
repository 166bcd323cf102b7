package io.genfleet.aggregator.topology;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;

/**
 * Adapts {@link BatchSummary}'s adder and subtractor to the Streams aggregate signatures. A Streams
 * {@code Initializer} does not get the key, so the initial summary is unbound (no batch id) and the
 * adder binds it to the grouping key on the first item. The adder also reports a batch turning done.
 */
final class BatchSummaries {

    private BatchSummaries() {
    }

    static BatchSummary unbound() {
        return BatchSummary.empty(null);
    }

    static BatchSummary add(String batchId, ItemState item, BatchSummary summary, StatusTopologyListener listener) {
        BatchSummary before = bound(batchId, summary);
        BatchSummary after = before.add(item);
        // Only the adder sets completedAt, and only on the transition: see BatchSummary#completedAt.
        if (before.completedAt() == null && after.completedAt() != null) {
            listener.batchCompleted(after);
        }
        return after;
    }

    static BatchSummary subtract(String batchId, ItemState item, BatchSummary summary) {
        return bound(batchId, summary).subtract(item);
    }

    private static BatchSummary bound(String batchId, BatchSummary summary) {
        // Only the initializer's value is unbound, and it is empty, so a fresh empty summary replaces it.
        return summary.batchId() == null ? BatchSummary.empty(batchId) : summary;
    }
}
