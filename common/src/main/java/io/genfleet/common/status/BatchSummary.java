package io.genfleet.common.status;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running totals of a batch as the status API serves them. The aggregator maintains them (its
 * {@code BatchTotals}: when an item moves from one status to another, its old state is subtracted and its new state
 * added, so a count is never incremented twice for the same item); everyone else only reads them.
 *
 * <p>Two totals: {@code total} counts the items whose states were added (the adder/subtractor arithmetic), and
 * {@code announcedTotal} is the batch size its submission announced ({@link StatusEvent#batchTotal()}). Every
 * reading ({@link #itemCount()}, {@link #count}, {@link #done()}, {@link #progress()}) uses the larger, and counts
 * the items not seen yet as {@code pending}: the totals are exact from the first event on.
 *
 * @param batchId   the batch
 * @param total     the number of items whose states were added
 * @param counts    items per status among those (every status present, zeros included)
 * @param retries   automatic retries performed, over all items and epochs
 * @param updatedAt the newest event time seen
 * @param startedAt the oldest event time seen: the batch's start. Only ever moves back (the subtractor
 *                  leaves it alone), so it survives the subtract/add pair of every item update
 * @param completedAt the event time at which the last item became terminal, while the batch is done;
 *                  {@code null} while it is not (set by the adder when the batch turns done, cleared by the
 *                  adder when an item is requeued). Lets the aggregator see the transition to done exactly
 *                  once, although the subtract/add pair of an update passes through intermediate states
 * @param announcedTotal the batch's size as its submission announced it; 0 when unknown (older events)
 */
public record BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries,
                           Instant updatedAt, Instant startedAt, Instant completedAt, Integer announcedTotal) {

    public BatchSummary {
        // Absent in summaries stored before submissions announced their size.
        announcedTotal = announcedTotal == null ? 0 : announcedTotal;
        EnumMap<ItemStatus, Integer> complete = new EnumMap<>(ItemStatus.class);
        for (ItemStatus status : ItemStatus.values()) {
            complete.put(status, counts == null ? 0 : counts.getOrDefault(status, 0));
        }
        counts = Map.copyOf(complete);
    }

    /** A summary without start and completion times (as stored before they existed). */
    public BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries, Instant updatedAt) {
        this(batchId, total, counts, retries, updatedAt, null, null, 0);
    }

    /** A summary without an announced total. */
    public BatchSummary(String batchId, int total, Map<ItemStatus, Integer> counts, int retries, Instant updatedAt,
                        Instant startedAt, Instant completedAt) {
        this(batchId, total, counts, retries, updatedAt, startedAt, completedAt, 0);
    }

    public static BatchSummary empty(String batchId) {
        return new BatchSummary(batchId, 0, Map.of(), 0, null, null, null, 0);
    }

    /** How many items the batch has: the announced size, or the items seen when more (or none announced). */
    public int itemCount() {
        return Math.max(total, announcedTotal);
    }

    /** How long the batch took, from its first event to its last item becoming terminal; empty until done. */
    public Optional<Duration> completionTime() {
        if (completedAt == null || startedAt == null) {
            return Optional.empty();
        }
        Duration took = Duration.between(startedAt, completedAt);
        return Optional.of(took.isNegative() ? Duration.ZERO : took);
    }

    /** Items in {@code status}; the items announced but not seen yet count as {@code pending}. */
    public int count(ItemStatus status) {
        int seen = counts.get(status);
        return status == ItemStatus.PENDING ? seen + itemCount() - total : seen;
    }

    public int terminal() {
        return count(ItemStatus.COMPLETE) + count(ItemStatus.FAILED_PERMANENT);
    }

    /** The terminal fraction, 0..1. */
    public double progress() {
        return itemCount() == 0 ? 0.0 : (double) terminal() / itemCount();
    }

    public boolean done() {
        return itemCount() > 0 && terminal() == itemCount();
    }
}
