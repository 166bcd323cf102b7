package io.genfleet.aggregator.topology;

import io.genfleet.aggregator.web.BatchSummaryResponse;
import io.genfleet.aggregator.web.ItemResponse;
import io.genfleet.aggregator.webhook.WebhookDelivery;
import io.genfleet.aggregator.webhook.WebhookEvent;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.webhook.Notify;
import io.genfleet.common.webhook.WebhookEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the webhook events of the aggregator's processor: {@code batch.done} when a batch turns done and
 * {@code item.failed_permanent} when an item ends so (in each epoch), for the batch's own receiver (its storyboard's
 * {@code notify}, remembered from its pending events) and the deployment-wide one. It runs in the processor's step,
 * so a delivery record commits with the state change that caused it and the input offset: exactly one record per
 * transition and receiver, however often the input is replayed.
 *
 * <p>{@code batch.progress} (opt-in) follows a change of a batch's summary while it is not done, at most once per
 * progress interval of event time (the summary's {@code updatedAt}, so a replay decides the same); the time of the
 * last one is kept with the batch's receiver in the same store, so it is restored with the state after a crash.
 *
 * <p>Event ids follow from what happened, never from when it was noticed: {@code {batchId}/batch.done/{completedAt
 * millis}} (a batch reopened by retry-failed and done again is a new event),
 * {@code {batchId}/{itemKey}/item.failed_permanent/{epoch}} and {@code {batchId}/batch.progress/{updatedAt millis}}.
 */
final class WebhookEmitter {

    private final KeyValueStore<String, BatchWebhookState> receivers;
    private final Notify global;
    private final boolean globalWantsProgress;
    private final Duration progressInterval;
    private final BiConsumer<String, WebhookDelivery> emit;
    /**
     * Whether some batch of this task has a receiver of its own that wants progress: from a scan of the store at
     * start and from every receiver remembered since. While false, a summary change costs no store lookup (most
     * batches have no receiver; the lookup was a RocksDB read per event).
     */
    private boolean someBatchWantsProgress;

    /**
     * @param receivers        each batch's own receiver and last progress time
     * @param global           the deployment-wide receiver, or null
     * @param progressInterval the least event time between two progress events of a batch
     * @param emit             writes a delivery record of a batch (to the webhooks topic, in the processor's
     *                         transaction)
     */
    WebhookEmitter(KeyValueStore<String, BatchWebhookState> receivers, Notify global, Duration progressInterval,
                   BiConsumer<String, WebhookDelivery> emit) {
        this.receivers = receivers;
        this.global = global;
        this.globalWantsProgress = global != null && global.wants(WebhookEventType.BATCH_PROGRESS);
        this.progressInterval = progressInterval;
        this.emit = emit;
        try (KeyValueIterator<String, BatchWebhookState> all = receivers.all()) {
            all.forEachRemaining(entry -> someBatchWantsProgress |= wantsProgress(entry.value.own()));
        }
    }

    private static boolean wantsProgress(Notify receiver) {
        return receiver != null && receiver.wants(WebhookEventType.BATCH_PROGRESS);
    }

    /** Keeps the batch's receiver from the first event that carries it (every submission event does). */
    void remember(StatusEvent event) {
        if (event.webhook() == null) {
            return;
        }
        someBatchWantsProgress |= wantsProgress(event.webhook());
        BatchWebhookState stored = receivers.get(event.batchId());
        if (stored == null) {
            receivers.put(event.batchId(), BatchWebhookState.of(event.webhook()));
        } else if (stored.url() == null) {
            // Only a progress time for the deployment-wide receiver so far: keep it.
            receivers.put(event.batchId(), stored.withOwn(event.webhook()));
        }
    }

    /**
     * Called after every change of a batch's summary; emits {@code batch.progress} to the receivers that want it when
     * the batch is not done and the interval has passed since its last one. While no batch of the task wants
     * progress, and the deployment-wide receiver does not either, this costs nothing; otherwise one lookup in the
     * (cached) receivers store, where whether a storyboard wants progress is kept.
     */
    void summaryChanged(BatchSummary summary) {
        // Never while done: the batch.done of this done-ness says the rest; a reopened batch reports again.
        if (summary.completedAt() != null || summary.updatedAt() == null
                || !(someBatchWantsProgress || globalWantsProgress)) {
            return;
        }
        BatchWebhookState stored = receivers.get(summary.batchId());
        Notify own = stored == null ? null : stored.own();
        if (!wantsProgress(own) && !globalWantsProgress) {
            return;
        }
        Instant at = summary.updatedAt();
        // Never twice at the same event time either (possible with a zero interval): the id would repeat.
        if (stored != null && stored.lastProgressAt() != null && (!at.isAfter(stored.lastProgressAt())
                || Duration.between(stored.lastProgressAt(), at).compareTo(progressInterval) < 0)) {
            return;
        }
        receivers.put(summary.batchId(), (stored == null ? new BatchWebhookState(null, null, null) : stored)
                .withLastProgressAt(at));
        String type = WebhookEventType.BATCH_PROGRESS.wireName();
        String id = summary.batchId() + "/" + type + "/" + at.toEpochMilli();
        send(summary.batchId(), WebhookEventType.BATCH_PROGRESS,
                new WebhookEvent(id, type, at, BatchSummaryResponse.of(summary)));
    }

    void batchDone(BatchSummary summary) {
        String id = summary.batchId() + "/" + WebhookEventType.BATCH_DONE.wireName() + "/"
                + summary.completedAt().toEpochMilli();
        send(summary.batchId(), WebhookEventType.BATCH_DONE, new WebhookEvent(id,
                WebhookEventType.BATCH_DONE.wireName(), summary.completedAt(), BatchSummaryResponse.of(summary)));
    }

    /** Called after every change of an item; emits when it became {@code failed_permanent} in a new epoch. */
    void afterChange(ItemState before, ItemState after) {
        boolean failedPermanent = after.status() == ItemStatus.FAILED_PERMANENT && (before == null
                || before.status() != ItemStatus.FAILED_PERMANENT || before.epoch() != after.epoch());
        if (!failedPermanent) {
            return;
        }
        String type = WebhookEventType.ITEM_FAILED_PERMANENT.wireName();
        String id = after.batchId() + "/" + after.itemKey() + "/" + type + "/" + after.epoch();
        send(after.batchId(), WebhookEventType.ITEM_FAILED_PERMANENT,
                new WebhookEvent(id, type, after.updatedAt(), ItemResponse.of(after)));
    }

    /** The batch expired from the stores. */
    void forget(String batchId) {
        receivers.delete(batchId);
    }

    private void send(String batchId, WebhookEventType type, WebhookEvent event) {
        for (Notify receiver : receiversOf(batchId)) {
            if (receiver.wants(type)) {
                emit.accept(batchId, WebhookDelivery.of(receiver.url(), event));
            }
        }
    }

    private List<Notify> receiversOf(String batchId) {
        List<Notify> all = new ArrayList<>(2);
        BatchWebhookState stored = receivers.get(batchId);
        Notify own = stored == null ? null : stored.own();
        if (own != null) {
            all.add(own);
        }
        if (global != null && (own == null || !global.url().equals(own.url()))) {
            all.add(global);
        }
        return all;
    }
}
