package io.genfleet.aggregator.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.aggregator.topology.Summaries;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchCensusTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void countsOnlyLiveBatchesAndTheirItems() {
        BatchCensus.Builder census = new BatchCensus.Builder();
        census.add(Summaries.of("live", pending("live", "scene_0"), complete("live", "scene_1")));
        census.add(Summaries.of("done", complete("done", "scene_0")));

        BatchCensus result = census.build();

        assertThat(result.activeBatches()).isEqualTo(1);
        assertThat(result.items(ItemStatus.PENDING)).isEqualTo(1);
        assertThat(result.items(ItemStatus.COMPLETE)).isEqualTo(1);
        assertThat(result.items()).hasSize(ItemStatus.values().length);
    }

    private static ItemState pending(String batch, String key) {
        return ItemState.first(StatusEvent.pending(ItemId.of(batch, key), 0, T0), 50);
    }

    private static ItemState complete(String batch, String key) {
        return ItemState.first(StatusEvent.complete(ItemId.of(batch, key), 0, 1, T0, "sim://x"), 50);
    }
}
