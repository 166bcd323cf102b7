package io.genfleet.aggregator.query;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.aggregator.topology.AggregatorStores;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.util.ArrayList;
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

/** Answers from this instance's stores through Kafka Streams interactive queries. */
@Service("aggregatorStatusQueryService")
public class LocalStatusQueryService implements StatusQueryService {

    private static final Comparator<ItemState> STORYBOARD_ORDER =
            Comparator.comparing(item -> ItemKey.parse(item.itemKey()));

    private final AggregatorStreams streams;

    public LocalStatusQueryService(AggregatorStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<BatchSummary> summary(String batchId) {
        return guarded(AggregatorStores.BATCHES,
                () -> Optional.ofNullable(this.<BatchSummary>store(AggregatorStores.BATCHES).get(batchId)));
    }

    @Override
    public List<ItemState> items(String batchId) {
        return guarded(AggregatorStores.ITEMS, () -> {
            List<ItemState> items = new ArrayList<>();
            ReadOnlyKeyValueStore<String, ItemState> store = store(AggregatorStores.ITEMS);
            // Item ids are {batchId}/{itemKey} and batch ids never contain '/': the prefix is exact.
            try (KeyValueIterator<String, ItemState> it = store.prefixScan(AggregatorStores.itemPrefix(batchId),
                    AggregatorStores.KEY_SERDE.serializer())) {
                it.forEachRemaining(kv -> items.add(kv.value));
            }
            // One iterator per local partition: the order across partitions is not the storyboard's.
            items.sort(STORYBOARD_ORDER);
            return items;
        });
    }

    @Override
    public Optional<ItemState> item(ItemId id) {
        return guarded(AggregatorStores.ITEMS,
                () -> Optional.ofNullable(this.<ItemState>store(AggregatorStores.ITEMS).get(id.toString())));
    }

    /**
     * Counts over every batch in this instance's stores (a full scan: for the census meters, not for requests).
     * Only live batches (at least one non-terminal item) are counted.
     */
    public BatchCensus census() {
        return guarded(AggregatorStores.BATCHES, () -> {
            BatchCensus.Builder census = new BatchCensus.Builder();
            ReadOnlyKeyValueStore<String, BatchSummary> store = store(AggregatorStores.BATCHES);
            try (KeyValueIterator<String, BatchSummary> it = store.all()) {
                it.forEachRemaining(kv -> census.add(kv.value));
            }
            return census.build();
        });
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
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
            // A rebalance started between the state check and the read (or during an iteration).
            throw new StatusUnavailableException("the store " + storeName + " is not queryable right now", e);
        }
    }
}
