package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.item.Lane;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The materialized state of one item: the monotonic merge of all its status events.
 *
 * <p>Every field is a function of the SET of events seen, never of their arrival order: the head
 * is the event with the highest {@link StatusOrder}, {@code lastError} the error of the highest
 * failed event, and {@code retries} is derived from the highest attempt seen per epoch. So any
 * permutation or duplication of an item's events yields the same state, and a late or repeated
 * event never moves an item backwards or changes a count.
 *
 * @param batchId         the batch
 * @param itemKey         the item key
 * @param status          the status of the head event
 * @param epoch           the epoch of the head event
 * @param attempt         the attempt of the head event
 * @param updatedAt       when the head event happened
 * @param lastError       the error of the highest-ordered event that carried one
 * @param lastErrorOrder  the order of that event
 * @param resultUri       the result, when complete
 * @param nextRetryAt     when the next attempt is due, when failed
 * @param maxAttemptByEpoch the highest attempt seen in each epoch
 * @param history         the highest-ordered distinct events, oldest first, at most the configured limit
 * @param deadLetter      where the dead-letter record of the head is, when the head is failed_permanent
 * @param hold            for an item that waits for others (a scene's video): the submission's {@link Hold}, kept for
 *                        every epoch; null for every other item
 * @param waitingFor      what a held, pending item still waits for (set by the aggregator, empty otherwise)
 * @param releasedEpoch   the last epoch whose request the aggregator released for a held item, or null: the
 *                        exactly-once mark (a dependency completing again never releases that epoch twice)
 * @param contentType     the result's media type, when complete and known (null in states written before it existed)
 * @param sizeBytes       the result's size in bytes, when complete and known
 */
public record ItemState(
        String batchId,
        String itemKey,
        ItemStatus status,
        int epoch,
        int attempt,
        Instant updatedAt,
        ItemError lastError,
        StatusOrder lastErrorOrder,
        String resultUri,
        Instant nextRetryAt,
        Map<Integer, Integer> maxAttemptByEpoch,
        List<HistoryEntry> history,
        DeadLetterRef deadLetter,
        Hold hold,
        List<String> waitingFor,
        Integer releasedEpoch,
        // Left out when absent: most items (the simulated provider's) have neither, and the stores stay as they were.
        @JsonInclude(JsonInclude.Include.NON_NULL) String contentType,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeBytes) {

    private static final Comparator<HistoryEntry> HISTORY_ORDER = Comparator.comparing(HistoryEntry::order);

    public ItemState {
        maxAttemptByEpoch = Map.copyOf(maxAttemptByEpoch);
        history = List.copyOf(history);
        waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    }

    /** A state without a result's content type and size. */
    public ItemState(String batchId, String itemKey, ItemStatus status, int epoch, int attempt, Instant updatedAt,
                     ItemError lastError, StatusOrder lastErrorOrder, String resultUri, Instant nextRetryAt,
                     Map<Integer, Integer> maxAttemptByEpoch, List<HistoryEntry> history, DeadLetterRef deadLetter,
                     Hold hold, List<String> waitingFor, Integer releasedEpoch) {
        this(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder, resultUri, nextRetryAt,
                maxAttemptByEpoch, history, deadLetter, hold, waitingFor, releasedEpoch, null, null);
    }

    /** A state without dependencies. */
    public ItemState(String batchId, String itemKey, ItemStatus status, int epoch, int attempt, Instant updatedAt,
                     ItemError lastError, StatusOrder lastErrorOrder, String resultUri, Instant nextRetryAt,
                     Map<Integer, Integer> maxAttemptByEpoch, List<HistoryEntry> history, DeadLetterRef deadLetter) {
        this(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder, resultUri, nextRetryAt,
                maxAttemptByEpoch, history, deadLetter, null, List.of(), null);
    }

    /** A state without a dead-letter reference. */
    public ItemState(String batchId, String itemKey, ItemStatus status, int epoch, int attempt, Instant updatedAt,
                     ItemError lastError, StatusOrder lastErrorOrder, String resultUri, Instant nextRetryAt,
                     Map<Integer, Integer> maxAttemptByEpoch, List<HistoryEntry> history) {
        this(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder, resultUri, nextRetryAt,
                maxAttemptByEpoch, history, null);
    }

    /** The state after the first event of an item. */
    public static ItemState first(StatusEvent event, int historyLimit) {
        return empty(event).merge(event, historyLimit);
    }

    private static ItemState empty(StatusEvent event) {
        return new ItemState(event.batchId(), event.itemKey(), null, -1, 0, null, null, null, null, null,
                Map.of(), List.of(), null, null, List.of(), null);
    }

    /**
     * Applies one event. Returns {@code this} when the event adds nothing (a duplicate), so callers
     * can skip writing unchanged state.
     */
    public ItemState merge(StatusEvent event, int historyLimit) {
        StatusOrder order = event.order();
        boolean newHead = order.isAfter(headOrder());
        boolean newError = event.error() != null && order.isAfter(lastErrorOrder);
        List<HistoryEntry> newHistory = withHistory(event, historyLimit);
        Map<Integer, Integer> newMaxAttempts = withMaxAttempt(event);
        boolean newHold = hold == null && event.hold() != null && !event.hold().isAgain();
        if (!newHead && !newError && !newHold && newHistory.equals(history)
                && newMaxAttempts.equals(maxAttemptByEpoch)) {
            return this;
        }
        ItemStatus newStatus = newHead ? event.status() : status;
        return new ItemState(batchId, itemKey,
                newHead ? event.status() : status,
                newHead ? event.epoch() : epoch,
                newHead ? event.attempt() : attempt,
                newHead ? event.at() : updatedAt,
                newError ? event.error() : lastError,
                newError ? order : lastErrorOrder,
                newHead ? event.resultUri() : resultUri,
                newHead ? event.nextRetryAt() : nextRetryAt,
                newMaxAttempts,
                newHistory,
                newHead ? event.deadLetter() : deadLetter,
                newHold ? event.hold() : hold,
                // Only a pending item waits; the aggregator recomputes what for after each change.
                newStatus == ItemStatus.PENDING ? waitingFor : List.of(),
                releasedEpoch,
                newHead ? event.contentType() : contentType,
                newHead ? event.sizeBytes() : sizeBytes);
    }

    /** This state with what it still waits for (set by the aggregator's dependency step). */
    public ItemState waitingFor(List<String> keys) {
        return new ItemState(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder,
                resultUri, nextRetryAt, maxAttemptByEpoch, history, deadLetter, hold, keys, releasedEpoch, contentType,
                sizeBytes);
    }

    /** This state with its request released for its current epoch: it waits for nothing any more. */
    public ItemState released() {
        return new ItemState(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder,
                resultUri, nextRetryAt, maxAttemptByEpoch, history, deadLetter, hold, List.of(), epoch, contentType,
                sizeBytes);
    }

    /** This state without its history (list views). */
    public ItemState withoutHistory() {
        return new ItemState(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder,
                resultUri, nextRetryAt, maxAttemptByEpoch, List.of(), deadLetter, hold, waitingFor, releasedEpoch,
                contentType, sizeBytes);
    }

    /** Whether this is a held item whose request for its current epoch is still to be released. */
    @JsonIgnore
    public boolean awaitsRelease() {
        return hold != null && status == ItemStatus.PENDING && (releasedEpoch == null || releasedEpoch < epoch);
    }

    /**
     * Attempts made in epochs before the current one that reached a provider: what a released request carries as
     * {@code priorAttempts}. An epoch that ended {@code dependency_failed} made no provider call and counts nothing.
     */
    public int priorProviderAttempts() {
        int prior = 0;
        for (Map.Entry<Integer, Integer> entry : maxAttemptByEpoch.entrySet()) {
            if (entry.getKey() < epoch && !dependencyFailedIn(entry.getKey())) {
                prior += entry.getValue();
            }
        }
        return prior;
    }

    private boolean dependencyFailedIn(int someEpoch) {
        return history.stream().anyMatch(h -> h.epoch() == someEpoch && h.error() != null
                && h.error().type() == ErrorType.DEPENDENCY_FAILED);
    }

    private List<HistoryEntry> withHistory(StatusEvent event, int historyLimit) {
        HistoryEntry entry = HistoryEntry.of(event);
        if (history.stream().anyMatch(h -> h.order().equals(entry.order()))) {
            return history;
        }
        List<HistoryEntry> merged = new ArrayList<>(history);
        merged.add(entry);
        merged.sort(HISTORY_ORDER);
        // Keep the newest entries: a long retry story is cut at its beginning, never at its end.
        return merged.size() <= historyLimit ? merged : merged.subList(merged.size() - historyLimit, merged.size());
    }

    private Map<Integer, Integer> withMaxAttempt(StatusEvent event) {
        Integer known = maxAttemptByEpoch.get(event.epoch());
        if (known != null && known >= event.attempt()) {
            return maxAttemptByEpoch;
        }
        Map<Integer, Integer> merged = new TreeMap<>(maxAttemptByEpoch);
        merged.put(event.epoch(), event.attempt());
        return merged;
    }

    @JsonIgnore
    public StatusOrder headOrder() {
        return status == null ? null : new StatusOrder(epoch, attempt, status.phase());
    }

    /** Automatic retries performed so far, over all epochs: every attempt after the first of its epoch. */
    public int retries() {
        return maxAttemptByEpoch.values().stream().mapToInt(maxAttempt -> maxAttempt - 1).sum();
    }

    /** Attempts made so far, over all epochs (what the simulated provider counts for {@code failTimes}). */
    public int totalAttempts() {
        return maxAttemptByEpoch.values().stream().mapToInt(Integer::intValue).sum();
    }

    @JsonIgnore
    public Lane lane() {
        return ItemKey.parse(itemKey).lane();
    }
}
