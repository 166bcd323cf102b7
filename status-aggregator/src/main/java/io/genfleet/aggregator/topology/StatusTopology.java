package io.genfleet.aggregator.topology;

import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import io.genfleet.common.webhook.Notify;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's topology, built on a given {@link StreamsBuilder} so that it runs the same in the
 * application and in {@code TopologyTestDriver}:
 * <pre>
 *   status ──read──┬─ unreadable ─────────────────────────────▶ status-dlt (+ failure headers)
 *                  └─ events ─ {@link StatusAggregation} ─┬─▶ genfleet-items   (key {batchId}/{itemKey})
 *                                                         ├─▶ genfleet-batches (key batchId)
 *                                                         ├─▶ genfleet-webhook-receivers (key batchId: receiver,
 *                                                         │                                last progress time)
 *                                                         └─▶ released requests ─▶ image/video requests
 *                                                             dependency_failed  ─▶ status (batch's partition)
 *                                                             webhook deliveries ─▶ webhooks (key batchId)
 * </pre>
 * One processor, two stores, no repartition topic: the status topic is partitioned by batch id, so the task that
 * reads an event holds its item and its batch. Both stores are cached, so several updates of a key within a
 * commit interval reach the changelog once. Held items are released by the same processor
 * ({@link DependencyRelease}), so the released request commits with the state that marks it released. Done batches expire after the retention ({@link BatchExpiry}).
 */
public final class StatusTopology {

    private StatusTopology() {
    }

    /**
     * @param historyLimit   history entries kept per item
     * @param batchRetention how long a done batch stays in the stores
     */
    public static void build(StreamsBuilder builder, TopicCatalog catalog, int historyLimit, Duration batchRetention,
                             StatusTopologyListener listener) {
        build(builder, catalog, historyLimit, batchRetention, listener, null, DEFAULT_PROGRESS_INTERVAL);
    }

    /** As {@code genfleet.webhooks.progress-interval} defaults. */
    static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

    /**
     * @param globalWebhook    the deployment-wide webhook receiver ({@code genfleet.webhooks.url}), or null
     * @param progressInterval the least event time between two {@code batch.progress} events of a batch
     */
    public static void build(StreamsBuilder builder, TopicCatalog catalog, int historyLimit, Duration batchRetention,
                             StatusTopologyListener listener, Notify globalWebhook, Duration progressInterval) {
        TopicSpec<String, StatusEvent> status = catalog.status();
        Serde<StatusEvent> statusSerde = status.valueSerde();

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AggregatorStores.ITEMS),
                AggregatorStores.KEY_SERDE, AggregatorStores.ITEM_SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AggregatorStores.BATCHES),
                AggregatorStores.KEY_SERDE, AggregatorStores.SUMMARY_SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AggregatorStores.WEBHOOK_RECEIVERS),
                AggregatorStores.KEY_SERDE, AggregatorStores.WEBHOOK_STATE_SERDE).withCachingEnabled());

        KStream<String, StatusRead> read = builder
                .stream(status.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("status-source"))
                .processValues(() -> new StatusReader(statusSerde.deserializer(), listener), Named.as("status-read"));

        read.filterNot((key, result) -> result.isReadable(), Named.as("status-unreadable"))
                .mapValues(StatusRead::raw, Named.as("status-raw-value"))
                .to(catalog.statusDeadLetter(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("status-dead-letter"));

        read.filter((key, result) -> result.isReadable(), Named.as("status-readable"))
                .mapValues(StatusRead::event, Named.as("status-event"))
                .process(() -> new StatusAggregation(historyLimit, new BatchExpiry(batchRetention), listener, catalog,
                                globalWebhook, progressInterval),
                        Named.as("status-aggregate"), AggregatorStores.ITEMS, AggregatorStores.BATCHES,
                        AggregatorStores.WEBHOOK_RECEIVERS)
                .to(Emission.TOPIC, Produced.with(Serdes.String(), Emission.SERDE)
                        .withStreamPartitioner(Emission.PARTITIONER).withName("released-requests"));
    }
}
