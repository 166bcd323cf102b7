package io.genfleet.aggregator.query;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.topology.Summaries;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;

/** Item states and settings shared by the routing tests. */
final class QueryFixtures {

    static final Instant T0 = Instant.parse("2025-02-01T09:00:00.250Z");

    private QueryFixtures() {
    }

    /** An item with a few history entries: generating on attempt 2 after a rate-limited first attempt. */
    static ItemState item(String batchId, String itemKey) {
        ItemId id = ItemId.of(batchId, itemKey);
        return ItemState.first(StatusEvent.pending(id, 0, T0), 50)
                .merge(StatusEvent.generating(id, 0, 1, T0.plusSeconds(1)), 50)
                .merge(StatusEvent.failed(id, 0, 1, T0.plusSeconds(2), new ItemError(ErrorType.RATE_LIMITED, "429"),
                        T0.plusSeconds(4)), 50)
                .merge(StatusEvent.generating(id, 0, 2, T0.plusSeconds(4)), 50);
    }

    static BatchSummary summary(String batchId, ItemState... items) {
        return Summaries.of(batchId, items);
    }

    static AggregatorSettings routing(String applicationServer, Duration forwardTimeout) {
        return new AggregatorSettings(50, "", applicationServer, 1, Duration.ofMillis(300), Duration.ofMinutes(30),
                forwardTimeout, Duration.ofSeconds(30), Duration.ofDays(7));
    }
}
