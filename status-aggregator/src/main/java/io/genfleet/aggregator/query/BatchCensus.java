package io.genfleet.aggregator.query;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * The live batches of this instance and their items per status.
 *
 * @param activeBatches batches with at least one non-terminal item
 * @param items         items of those batches, per status (every status present)
 */
public record BatchCensus(long activeBatches, Map<ItemStatus, Long> items) {

    public static final BatchCensus EMPTY = new Builder().build();

    public BatchCensus {
        items = Map.copyOf(items);
    }

    public long items(ItemStatus status) {
        return items.get(status);
    }

    static final class Builder {

        private long active;
        private final EnumMap<ItemStatus, Long> items = new EnumMap<>(ItemStatus.class);

        Builder() {
            for (ItemStatus status : ItemStatus.values()) {
                items.put(status, 0L);
            }
        }

        void add(BatchSummary summary) {
            if (summary.done() || summary.itemCount() == 0) {
                return;
            }
            active++;
            for (ItemStatus status : ItemStatus.values()) {
                items.merge(status, (long) summary.count(status), Long::sum);
            }
        }

        BatchCensus build() {
            return new BatchCensus(active, items);
        }
    }
}
