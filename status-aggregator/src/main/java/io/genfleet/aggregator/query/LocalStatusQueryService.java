package io.genfleet.aggregator.query;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.aggregator.topology.AggregatorStores;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Service;

/**
 * Answers from this instance's stores through Kafka Streams interactive queries: complete on its own when a
 * single instance runs; with several, the partition-addressed reads serve {@link RoutingStatusQueryService}
 * and the other instances ({@link InstanceQueryController}). Only active, running tasks are read, never a
 * standby or a store that is still restoring.
 */
@Service("aggregatorLocalStatusQueryService")
public class LocalStatusQueryService implements StatusQueryService {

    static final Comparator<ItemState> STORYBOARD_ORDER = Comparator.comparing(item -> ItemKey.parse(item.itemKey()));

    private final AggregatorStreams streams;

    public LocalStatusQueryService(AggregatorStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<BatchSummary> summary(String batchId) {
        return guarded(AggregatorStores.BATCHES,
                () -> Optional.ofNullable(this.<BatchSummary>store(AggregatorStores.BATCHES, null).get(batchId)));
    }

    /**
     * The summary from one partition of the batch store; unavailable unless that partition is active and
     * running here, so a store that moved away answers 503 rather than "unknown batch".
     */
    public Optional<BatchSummary> summary(String batchId, int partition) {
        return guarded(AggregatorStores.BATCHES,
                () -> Optional.ofNullable(this.<BatchSummary>store(AggregatorStores.BATCHES, partition).get(batchId)));
    }

    @Override
    public List<ItemState> items(String batchId) {
        return guarded(AggregatorStores.ITEMS, () -> {
            List<ItemState> items = new ArrayList<>();
            scan(batchId, null, items);
            // One iterator per local partition: the order across partitions is not the storyboard's.
            items.sort(STORYBOARD_ORDER);
            return items;
        });
    }

    /** The batch's items in the given partitions of the item store, each active and running here. */
    public List<ItemState> items(String batchId, Collection<Integer> partitions) {
        return guarded(AggregatorStores.ITEMS, () -> {
            List<ItemState> items = new ArrayList<>();
            for (int partition : partitions) {
                scan(batchId, partition, items);
            }
            items.sort(STORYBOARD_ORDER);
            return items;
        });
    }

    @Override
    public Optional<ItemState> item(ItemId id) {
        return guarded(AggregatorStores.ITEMS,
                () -> Optional.ofNullable(this.<ItemState>store(AggregatorStores.ITEMS, null).get(id.toString())));
    }

    /** The item from one partition of the item store; unavailable unless it is active and running here. */
    public Optional<ItemState> item(ItemId id, int partition) {
        return guarded(AggregatorStores.ITEMS,
                () -> Optional.ofNullable(this.<ItemState>store(AggregatorStores.ITEMS, partition).get(id.toString())));
    }

    /**
     * Counts over every batch in this instance's stores (a full scan: for the census meters, not for requests).
     * Only live batches (at least one non-terminal item) are counted.
     */
    public BatchCensus census() {
        return guarded(AggregatorStores.BATCHES, () -> {
            BatchCensus.Builder census = new BatchCensus.Builder();
            ReadOnlyKeyValueStore<String, BatchSummary> store = store(AggregatorStores.BATCHES, null);
            try (KeyValueIterator<String, BatchSummary> it = store.all()) {
                it.forEachRemaining(kv -> census.add(kv.value));
            }
            return census.build();
        });
    }

    /**
     * Every batch summary in this instance's stores (a full scan of the batch store, which holds one small
     * record per batch: for the batch listing and the fleet view, not for the per-batch reads).
     */
    public List<BatchSummary> summaries() {
        return guarded(AggregatorStores.BATCHES, () -> {
            List<BatchSummary> summaries = new ArrayList<>();
            ReadOnlyKeyValueStore<String, BatchSummary> store = store(AggregatorStores.BATCHES, null);
            try (KeyValueIterator<String, BatchSummary> it = store.all()) {
                it.forEachRemaining(kv -> summaries.add(kv.value));
            }
            return summaries;
        });
    }

    private void scan(String batchId, Integer partition, List<ItemState> into) {
        ReadOnlyKeyValueStore<String, ItemState> store = store(AggregatorStores.ITEMS, partition);
        // Item ids are {batchId}/{itemKey} and batch ids never contain '/': the prefix is exact.
        try (KeyValueIterator<String, ItemState> it = store.prefixScan(AggregatorStores.itemPrefix(batchId),
                AggregatorStores.KEY_SERDE.serializer())) {
            it.forEachRemaining(kv -> into.add(kv.value));
        }
    }

    /** All local active partitions when {@code partition} is null, else exactly that one. */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? parameters : parameters.withPartition(partition));
    }

    private <R> R guarded(String storeName, Supplier<R> query) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StatusUnavailableException("the status aggregator is " + state, null);
        }
        if (!streams.answersQueries()) {
            // Its stores may be behind answers an earlier owner gave (see CatchUpGate): stale is worse than 503.
            throw new StatusUnavailableException("the status aggregator is catching up with its input", null);
        }
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            // A rebalance started between the state check and the read (or during an iteration), or the
            // asked partition is not active and running here (moved away, restoring, or a standby).
            throw new StatusUnavailableException("the store " + storeName + " is not queryable here right now", e);
        } catch (IllegalStateException e) {
            // Streams began to shut down between the state check and the read.
            if (streams.state() != KafkaStreams.State.RUNNING) {
                throw new StatusUnavailableException("the status aggregator is " + streams.state(), e);
            }
            throw e;
        }
    }
}
