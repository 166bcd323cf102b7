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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the webhook events of the aggregator's processor: {@code batch.done} when a batch turns done and
 * {@code item.failed_permanent} when an item ends so (in each epoch), for the batch's own receiver (its storyboard's
 * {@code notify}, remembered from its pending events) and the deployment-wide one. It runs in the processor's step,
 * so a delivery record commits with the state change that caused it and the input offset: exactly one record per
 * transition and receiver, however often the input is replayed.
 *
 * <p>Event ids follow from what happened, never from when it was noticed: {@code {batchId}/batch.done/{completedAt
 * millis}} (a batch reopened by retry-failed and done again is a new event) and
 * {@code {batchId}/{itemKey}/item.failed_permanent/{epoch}}.
 */
final class WebhookEmitter {

    private final KeyValueStore<String, Notify> receivers;
    private final Notify global;
    private final BiConsumer<String, WebhookDelivery> emit;

    /**
     * @param receivers each batch's own receiver
     * @param global    the deployment-wide receiver, or null
     * @param emit      writes a delivery record of a batch (to the webhooks topic, in the processor's transaction)
     */
    WebhookEmitter(KeyValueStore<String, Notify> receivers, Notify global, BiConsumer<String, WebhookDelivery> emit) {
        this.receivers = receivers;
        this.global = global;
        this.emit = emit;
    }

    /** Keeps the batch's receiver from the first event that carries it (every submission event does). */
    void remember(StatusEvent event) {
        if (event.webhook() != null && receivers.get(event.batchId()) == null) {
            receivers.put(event.batchId(), event.webhook());
        }
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
        Notify own = receivers.get(batchId);
        if (own != null) {
            all.add(own);
        }
        if (global != null && (own == null || !global.url().equals(own.url()))) {
            all.add(global);
        }
        return all;
    }
}
