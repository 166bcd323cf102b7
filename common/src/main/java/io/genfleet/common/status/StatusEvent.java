package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Versioned;
import io.genfleet.common.webhook.Notify;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One step of one item, published to {@code genfleet.status} keyed by {@code {batchId}/{itemKey}}.
 *
 * @param schemaVersion the message schema version, {@value #SCHEMA_VERSION}
 * @param batchId       the batch
 * @param itemKey       the item within the batch, in the contract's spelling
 * @param status        the new status
 * @param epoch         0 for the first run, +1 for each manual retry or replay
 * @param attempt       1-based attempt within the epoch
 * @param at            when it happened (millisecond precision)
 * @param error         the failure, for {@code failed} and {@code failed_permanent}
 * @param nextRetryAt   when the next attempt is due, for {@code failed}
 * @param resultUri     the generated asset, for {@code complete}
 * @param deadLetter    where the dead-letter record is, for {@code failed_permanent} (absent for old events)
 * @param batchTotal    on the {@code pending} events a submission writes: how many items the batch has, so the
 *                      aggregate knows the batch's size from its first event on (absent on every other event)
 * @param hold          on the {@code pending} event of an item that waits for others (a scene's video): what it waits
 *                      for and the request to release ({@link Hold}); absent on every other event
 * @param contentType   the media type of the result, for {@code complete} when the provider stored one (absent for
 *                      the simulated provider and in events written before it existed)
 * @param sizeBytes     the size of the result in bytes, under the same conditions as {@code contentType}
 * @param webhook       on the {@code pending} events a submission writes, when the storyboard asked for webhooks: the
 *                      batch's receiver and events ({@link Notify}); absent on every other event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEvent(
        int schemaVersion,
        String batchId,
        String itemKey,
        ItemStatus status,
        int epoch,
        int attempt,
        Instant at,
        ItemError error,
        Instant nextRetryAt,
        String resultUri,
        DeadLetterRef deadLetter,
        Integer batchTotal,
        Hold hold,
        String contentType,
        Long sizeBytes,
        Notify webhook) implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public StatusEvent {
        ItemId.of(batchId, itemKey);
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
        if (batchTotal != null && batchTotal < 1) {
            throw new IllegalArgumentException("batchTotal must be >= 1, was " + batchTotal);
        }
        if (hold != null && status != ItemStatus.PENDING) {
            throw new IllegalArgumentException("only a pending event carries a hold, not " + status);
        }
        if (sizeBytes != null && sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
        if (webhook != null && status != ItemStatus.PENDING) {
            throw new IllegalArgumentException("only a pending event carries a webhook, not " + status);
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
        nextRetryAt = nextRetryAt == null ? null : nextRetryAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An event without a result's content type and size and without a webhook. */
    public StatusEvent(int schemaVersion, String batchId, String itemKey, ItemStatus status, int epoch, int attempt,
                       Instant at, ItemError error, Instant nextRetryAt, String resultUri, DeadLetterRef deadLetter,
                       Integer batchTotal, Hold hold) {
        this(schemaVersion, batchId, itemKey, status, epoch, attempt, at, error, nextRetryAt, resultUri, deadLetter,
                batchTotal, hold, null, null, null);
    }

    /** An event without a dead-letter reference. */
    public StatusEvent(int schemaVersion, String batchId, String itemKey, ItemStatus status, int epoch, int attempt,
                       Instant at, ItemError error, Instant nextRetryAt, String resultUri) {
        this(schemaVersion, batchId, itemKey, status, epoch, attempt, at, error, nextRetryAt, resultUri, null);
    }

    /** An event without a batch total. */
    public StatusEvent(int schemaVersion, String batchId, String itemKey, ItemStatus status, int epoch, int attempt,
                       Instant at, ItemError error, Instant nextRetryAt, String resultUri, DeadLetterRef deadLetter) {
        this(schemaVersion, batchId, itemKey, status, epoch, attempt, at, error, nextRetryAt, resultUri, deadLetter,
                null);
    }

    /** An event without a hold. */
    public StatusEvent(int schemaVersion, String batchId, String itemKey, ItemStatus status, int epoch, int attempt,
                       Instant at, ItemError error, Instant nextRetryAt, String resultUri, DeadLetterRef deadLetter,
                       Integer batchTotal) {
        this(schemaVersion, batchId, itemKey, status, epoch, attempt, at, error, nextRetryAt, resultUri, deadLetter,
                batchTotal, null);
    }

    /** The {@code pending} event of a submission of an item that waits for others: no lane request is written. */
    public static StatusEvent submittedHeld(ItemId id, Instant at, int batchTotal, Hold hold) {
        return submittedHeld(id, at, batchTotal, hold, null);
    }

    /** The same, carrying the batch's webhook receiver ({@code null} for none). */
    public static StatusEvent submittedHeld(ItemId id, Instant at, int batchTotal, Hold hold, Notify notify) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.PENDING,
                0, 1, at, null, null, null, null, batchTotal, hold, null, null, notify);
    }

    /** The {@code pending} event of retry-failed for an item that waits for others: it waits again in {@code epoch}. */
    public static StatusEvent heldAgain(ItemId id, int epoch, Instant at) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.PENDING,
                epoch, 1, at, null, null, null, null, null, Hold.again());
    }

    /** The {@code pending} event of a submission, carrying the batch's item count. */
    public static StatusEvent submitted(ItemId id, Instant at, int batchTotal) {
        return submitted(id, at, batchTotal, null);
    }

    /** The same, carrying the batch's webhook receiver ({@code null} for none). */
    public static StatusEvent submitted(ItemId id, Instant at, int batchTotal, Notify notify) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.PENDING,
                0, 1, at, null, null, null, null, batchTotal, null, null, null, notify);
    }

    public static StatusEvent pending(ItemId id, int epoch, Instant at) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.PENDING,
                epoch, 1, at, null, null, null);
    }

    public static StatusEvent generating(ItemId id, int epoch, int attempt, Instant at) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.GENERATING,
                epoch, attempt, at, null, null, null);
    }

    public static StatusEvent complete(ItemId id, int epoch, int attempt, Instant at, String resultUri) {
        return complete(id, epoch, attempt, at, resultUri, null, null);
    }

    /** A completion whose stored result's media type and size are known (either may be null). */
    public static StatusEvent complete(ItemId id, int epoch, int attempt, Instant at, String resultUri,
                                       String contentType, Long sizeBytes) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.COMPLETE,
                epoch, attempt, at, null, null, resultUri, null, null, null, contentType, sizeBytes, null);
    }

    public static StatusEvent failed(ItemId id, int epoch, int attempt, Instant at, ItemError error,
                                     Instant nextRetryAt) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(), ItemStatus.FAILED,
                epoch, attempt, at, error, nextRetryAt, null);
    }

    public static StatusEvent failedPermanent(ItemId id, int epoch, int attempt, Instant at, ItemError error) {
        return failedPermanent(id, epoch, attempt, at, error, null);
    }

    public static StatusEvent failedPermanent(ItemId id, int epoch, int attempt, Instant at, ItemError error,
                                              DeadLetterRef deadLetter) {
        return new StatusEvent(SCHEMA_VERSION, id.batchId(), id.itemKey().toString(),
                ItemStatus.FAILED_PERMANENT, epoch, attempt, at, error, null, null, deadLetter);
    }

    public ItemId itemId() {
        return ItemId.of(batchId, itemKey);
    }

    public Lane lane() {
        return ItemKey.parse(itemKey).lane();
    }

    public StatusOrder order() {
        return StatusOrder.of(this);
    }
}
