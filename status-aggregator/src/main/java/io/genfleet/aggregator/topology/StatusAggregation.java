package io.genfleet.aggregator.topology;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.webhook.Notify;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one status event to its item and to its batch's summary, in one step of one task: the status topic is
 * partitioned by batch id ({@link io.genfleet.common.status.StatusPartitioning}), so the task that reads a
 * batch's events holds both its items and its summary. The item merge is monotonic ({@link ItemState#merge}):
 * duplicates and late events change nothing. When the item changes, the summary subtracts its old state and adds
 * its new one, so a transition never counts twice. Both stores are cached and written to their changelogs at
 * commit, inside the exactly-once transaction that commits the input offset.
 *
 * <p>Webhook events ({@link WebhookEmitter}) are decided in the same step: {@code batch.done} on the transition to done,
 * {@code item.failed_permanent} on an item's transition, {@code batch.progress} (throttled) on other summary changes, written to the webhooks topic in the same transaction.
 *
 * <p>A wall-clock sweep deletes the batches done for longer than the retention, with all their items
 * ({@link BatchExpiry}); the deletes reach the changelogs as tombstones, so state and restore time stay bounded.
 */
final class StatusAggregation implements Processor<String, StatusEvent, String, Emission> {

    private final int historyLimit;
    private final BatchExpiry expiry;
    private final StatusTopologyListener listener;
    private final TopicCatalog catalog;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, ItemState> items;
    private KeyValueStore<String, BatchSummary> batches;
    private DependencyRelease dependencies;
    private WebhookEmitter webhooks;
    private final Notify globalWebhook;
    private final Duration progressInterval;
    /** The input record being processed: what the aggregator emits takes its timestamp. */
    private Record<String, StatusEvent> current;

    StatusAggregation(int historyLimit, BatchExpiry expiry, StatusTopologyListener listener, TopicCatalog catalog,
                      Notify globalWebhook, Duration progressInterval) {
        this.historyLimit = historyLimit;
        this.globalWebhook = globalWebhook;
        this.progressInterval = progressInterval;
        this.expiry = expiry;
        this.listener = listener;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        items = context.getStateStore(AggregatorStores.ITEMS);
        batches = context.getStateStore(AggregatorStores.BATCHES);
        dependencies = new DependencyRelease(items, new DependencyRelease.Effects() {
            @Override
            public void decide(StatusEvent event) {
                // Applied now, so the summary is exact at once; also written to the status topic, so that the
                // item's story is on the topic like every other step (its echo is a duplicate and changes nothing).
                apply(event.itemId().toString(), event);
                emit(event.itemId().toString(), Emission.status(catalog, event));
            }

            @Override
            public void release(GenerationRequest request) {
                emit(request.itemId().toString(), Emission.request(catalog, request));
                listener.released(request);
            }
        });
        // Keyed by batch id (the webhooks topic's partitioning), unlike the other emissions.
        webhooks = new WebhookEmitter(context.getStateStore(AggregatorStores.WEBHOOK_RECEIVERS), globalWebhook,
                progressInterval, (batchId, delivery) -> context.forward(new Record<>(batchId, Emission.webhook(catalog, batchId,
                        delivery), current.timestamp())));
        context.schedule(expiry.sweepInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> expireDoneBatches(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, StatusEvent> record) {
        current = record;
        apply(record.key(), record.value());
    }

    private void emit(String key, Emission emission) {
        context.forward(new Record<>(key, emission, current.timestamp()));
    }

    private void apply(String key, StatusEvent event) {
        webhooks.remember(event);
        ItemState before = items.get(key);
        ItemState after = before == null ? ItemState.first(event, historyLimit) : before.merge(event, historyLimit);
        boolean itemChanged = after != before;
        if (!itemChanged && event.batchTotal() == null) {
            return;
        }
        BatchSummary stored = batches.get(event.batchId());
        BatchSummary summary = stored == null ? BatchSummary.empty(event.batchId()) : stored;
        // The announced size first, so that the adder below judges "done" against the whole batch.
        if (event.batchTotal() != null) {
            summary = BatchTotals.announce(summary, event.batchTotal());
        }
        if (itemChanged) {
            items.put(key, after);
            listener.applied(event);
            summary = BatchTotals.update(summary, before, after);
            webhooks.afterChange(before, after);
        }
        if (!summary.equals(stored)) {
            batches.put(event.batchId(), summary);
            // Only the adder sets completedAt, and only on the transition: see BatchTotals#add.
            if ((stored == null || stored.completedAt() == null) && summary.completedAt() != null) {
                listener.batchCompleted(summary);
                webhooks.batchDone(summary);
            } else {
                webhooks.summaryChanged(summary);
            }
        }
        // After the summary is stored: a decided event (dependency_failed) applies itself through here.
        if (itemChanged) {
            dependencies.afterChange(before, after, event);
        }
    }

    private void expireDoneBatches(Instant now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, BatchSummary> all = batches.all()) {
            all.forEachRemaining(entry -> {
                if (expiry.expired(entry.value, now)) {
                    expired.add(entry.key);
                }
            });
        }
        for (String batchId : expired) {
            List<String> itemKeys = new ArrayList<>();
            try (KeyValueIterator<String, ItemState> items = this.items.prefixScan(AggregatorStores.itemPrefix(batchId),
                    new StringSerializer())) {
                items.forEachRemaining(entry -> itemKeys.add(entry.key));
            }
            itemKeys.forEach(this.items::delete);
            batches.delete(batchId);
            webhooks.forget(batchId);
            listener.batchExpired(batchId, itemKeys.size());
        }
    }
}
