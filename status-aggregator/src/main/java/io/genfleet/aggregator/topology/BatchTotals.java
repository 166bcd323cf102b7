package io.genfleet.aggregator.topology;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.EnumMap;

/**
 * The arithmetic of a batch's {@link BatchSummary}: an item's update subtracts its old state and adds its new one,
 * so a count is never incremented twice for the same item. Only the aggregator changes summaries; the record itself
 * stays a value that every service reads.
 */
public final class BatchTotals {

    private BatchTotals() {
    }

    /**
     * Takes the size a submission announced; a smaller or repeated announcement changes nothing. A batch that
     * looked done is not done any more when more items are announced than were seen.
     */
    public static BatchSummary announce(BatchSummary summary, int batchTotal) {
        if (batchTotal <= summary.announcedTotal()) {
            return summary;
        }
        BatchSummary announced = new BatchSummary(summary.batchId(), summary.total(), summary.counts(),
                summary.retries(), summary.updatedAt(), summary.startedAt(), summary.completedAt(), batchTotal);
        return announced.done() ? announced : withCompletedAt(announced, null);
    }

    /** Adds an item's state; marks the batch completed at this state's time when it turns done. */
    public static BatchSummary add(BatchSummary summary, ItemState item) {
        Instant at = item.updatedAt();
        Instant newest = summary.updatedAt() == null || at.isAfter(summary.updatedAt()) ? at : summary.updatedAt();
        Instant oldest = summary.startedAt() == null || at.isBefore(summary.startedAt()) ? at : summary.startedAt();
        BatchSummary added = change(summary, item, +1, newest, oldest);
        if (!added.done()) {
            return withCompletedAt(added, null);
        }
        return summary.completedAt() == null ? withCompletedAt(added, newest) : added;
    }

    /**
     * Subtracts an item's state. Leaves {@code completedAt} alone: the {@link #add} that follows decides whether the
     * batch is (still) done, so the subtract/add pair of one update never looks like a transition to done.
     */
    public static BatchSummary subtract(BatchSummary summary, ItemState item) {
        return change(summary, item, -1, summary.updatedAt(), summary.startedAt());
    }

    /** An update: subtracts the item's state {@code before} (none for a new item) and adds {@code after}. */
    public static BatchSummary update(BatchSummary summary, ItemState before, ItemState after) {
        return add(before == null ? summary : subtract(summary, before), after);
    }

    private static BatchSummary withCompletedAt(BatchSummary summary, Instant at) {
        return new BatchSummary(summary.batchId(), summary.total(), summary.counts(), summary.retries(),
                summary.updatedAt(), summary.startedAt(), at, summary.announcedTotal());
    }

    private static BatchSummary change(BatchSummary summary, ItemState item, int sign, Instant updatedAt,
                                       Instant startedAt) {
        EnumMap<ItemStatus, Integer> counts = new EnumMap<>(summary.counts());
        counts.merge(item.status(), sign, Integer::sum);
        return new BatchSummary(summary.batchId(), summary.total() + sign, counts,
                summary.retries() + sign * item.retries(), updatedAt, startedAt, summary.completedAt(),
                summary.announcedTotal());
    }
}
