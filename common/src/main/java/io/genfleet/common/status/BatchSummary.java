package io.genfleet.common.status;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

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
 * @param startedAt the oldest event time seen: the batch's start. Only ever moves back (the subtractor
 *                  leaves it alone), so it survives the subtract/add pair of every item update
 * @param completedAt the event time at which the last item became terminal, while the batch is done;
 *                  {@code null} while it is not (set by the adder when the batch turns done, cleared by the
 *                  adder when an item is requeued). Lets the aggregator see the transition to done exactly
 *                  once, although the subtract/add pair of an update passes through intermediate states
 */
public record BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries,
                           Instant updatedAt, Instant startedAt, Instant completedAt) {

    public BatchSummary {
        EnumMap<ItemStatus, Integer> complete = new EnumMap<>(ItemStatus.class);
        for (ItemStatus status : ItemStatus.values()) {
            complete.put(status, counts == null ? 0 : counts.getOrDefault(status, 0));
        }
        counts = Map.copyOf(complete);
    }

    /** A summary without start and completion times (as stored before they existed). */
    public BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries, Instant updatedAt) {
        this(batchId, total, counts, retries, updatedAt, null, null);
    }

    public static BatchSummary empty(String batchId) {
        return new BatchSummary(batchId, 0, Map.of(), 0, null, null, null);
    }

    public BatchSummary add(ItemState item) {
        Instant at = item.updatedAt();
        Instant newest = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        Instant oldest = startedAt == null || at.isBefore(startedAt) ? at : startedAt;
        BatchSummary added = change(item, +1, newest, oldest, completedAt);
        if (!added.done()) {
            return added.withCompletedAt(null);
        }
        return completedAt == null ? added.withCompletedAt(newest) : added;
    }

    /** Leaves {@code completedAt} alone: the adder that follows decides whether the batch is (still) done. */
    public BatchSummary subtract(ItemState item) {
        return change(item, -1, updatedAt, startedAt, completedAt);
    }

    /** How long the batch took, from its first event to its last item becoming terminal; empty until done. */
    public Optional<Duration> completionTime() {
        if (completedAt == null || startedAt == null) {
            return Optional.empty();
        }
        Duration took = Duration.between(startedAt, completedAt);
        return Optional.of(took.isNegative() ? Duration.ZERO : took);
    }

    private BatchSummary withCompletedAt(Instant at) {
        return new BatchSummary(batchId, total, counts, retries, updatedAt, startedAt, at);
    }

    private BatchSummary change(ItemState item, int sign, Instant newUpdatedAt, Instant newStartedAt,
                                Instant newCompletedAt) {
        EnumMap<ItemStatus, Integer> newCounts = new EnumMap<>(counts);
        newCounts.merge(item.status(), sign, Integer::sum);
        return new BatchSummary(batchId, total + sign, newCounts, retries + sign * item.retries(), newUpdatedAt,
                newStartedAt, newCompletedAt);
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
