package io.genfleet.common.status;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The running totals of a batch, maintained with an adder and a subtractor over item states: when an
 * item moves from one status to another, its old state is subtracted and its new state added, so a
 * count is never incremented twice for the same item.
 *
 * @param batchId   the batch
 * @param total     the number of items
 * @param counts    items per status (every status present, zeros included)
 * @param retries   automatic retries performed, over all items and epochs
 * @param updatedAt the newest event time seen
 */
public record BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries,
                           Instant updatedAt) {

    public BatchSummary {
        EnumMap<ItemStatus, Integer> complete = new EnumMap<>(ItemStatus.class);
        for (ItemStatus status : ItemStatus.values()) {
            complete.put(status, counts == null ? 0 : counts.getOrDefault(status, 0));
        }
        counts = Map.copyOf(complete);
    }

    public static BatchSummary empty(String batchId) {
        return new BatchSummary(batchId, 0, Map.of(), 0, null);
    }

    public BatchSummary add(ItemState item) {
        Instant newest = updatedAt == null || item.updatedAt().isAfter(updatedAt) ? item.updatedAt() : updatedAt;
        return change(item, +1, newest);
    }

    public BatchSummary subtract(ItemState item) {
        return change(item, -1, updatedAt);
    }

    private BatchSummary change(ItemState item, int sign, Instant newUpdatedAt) {
        EnumMap<ItemStatus, Integer> newCounts = new EnumMap<>(counts);
        newCounts.merge(item.status(), sign, Integer::sum);
        return new BatchSummary(batchId, total + sign, newCounts, retries + sign * item.retries(), newUpdatedAt);
    }

    public int count(ItemStatus status) {
        return counts.get(status);
    }

    public int terminal() {
        return count(ItemStatus.COMPLETE) + count(ItemStatus.FAILED_PERMANENT);
    }

    /** The terminal fraction, 0..1. */
    public double progress() {
        return total == 0 ? 0.0 : (double) terminal() / total;
    }

    public boolean done() {
        return total > 0 && terminal() == total;
    }
}
