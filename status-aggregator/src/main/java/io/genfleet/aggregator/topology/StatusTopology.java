package io.genfleet.aggregator.topology;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregator's topology, built on a given {@link StreamsBuilder} so that it runs the same in the
 * application and in {@code TopologyTestDriver}:
 * <pre>
 *   status ──read──┬─ unreadable ──────────────────────────────────────────▶ status-dlt (+ failure headers)
 *                  └─ events ─ merge by item ─▶ genfleet-items (KTable, key {batchId}/{itemKey})
 *                                                 └─ groupBy batchId ─ add/subtract ─▶ genfleet-batches
 * </pre>
 * The item merge is monotonic ({@link ItemState#merge}): duplicates and late events never move an item
 * backwards. The summary subtracts an item's old state and adds its new one, in one step (same key), so a
 * transition never counts twice.
 */
public final class StatusTopology {

    private StatusTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog catalog, int historyLimit,
                             StatusTopologyListener listener) {
        TopicSpec<String, StatusEvent> status = catalog.status();
        Serde<StatusEvent> statusSerde = status.valueSerde();

        KStream<String, StatusRead> read = builder
                .stream(status.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("status-source"))
                .processValues(() -> new StatusReader(statusSerde.deserializer(), listener), Named.as("status-read"));

        read.filterNot((key, result) -> result.isReadable(), Named.as("status-unreadable"))
                .mapValues(StatusRead::raw, Named.as("status-raw-value"))
                .to(catalog.statusDeadLetter(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("status-dead-letter"));

        KTable<String, ItemState> items = read
                .filter((key, result) -> result.isReadable(), Named.as("status-readable"))
                .mapValues(StatusRead::event, Named.as("status-event"))
                .groupByKey(Grouped.with("status-by-item", AggregatorStores.KEY_SERDE, statusSerde))
                .aggregate(
                        // No key here: the item state is created by the first event, in the aggregator.
                        () -> null,
                        (itemId, event, state) -> merge(state, event, historyLimit, listener),
                        Named.as("item-merge"),
                        Materialized.<String, ItemState, KeyValueStore<Bytes, byte[]>>as(AggregatorStores.ITEMS)
                                .withKeySerde(AggregatorStores.KEY_SERDE)
                                .withValueSerde(AggregatorStores.ITEM_SERDE));

        items.groupBy((itemId, item) -> KeyValue.pair(item.batchId(), item),
                        Grouped.with("items-by-batch", AggregatorStores.KEY_SERDE, AggregatorStores.ITEM_SERDE))
                .aggregate(
                        BatchSummaries::unbound,
                        (batchId, item, summary) -> BatchSummaries.add(batchId, item, summary, listener),
                        BatchSummaries::subtract,
                        Named.as("batch-summary"),
                        Materialized.<String, BatchSummary, KeyValueStore<Bytes, byte[]>>as(AggregatorStores.BATCHES)
                                .withKeySerde(AggregatorStores.KEY_SERDE)
                                .withValueSerde(AggregatorStores.SUMMARY_SERDE));
    }

    private static ItemState merge(ItemState state, StatusEvent event, int historyLimit,
                                   StatusTopologyListener listener) {
        ItemState merged = state == null ? ItemState.first(event, historyLimit) : state.merge(event, historyLimit);
        if (merged != state) {
            listener.applied(event);
        }
        return merged;
    }
}
