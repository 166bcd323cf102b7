package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The store values must survive the changelog: JSON out and back in, equal and still mergeable. */
class StoreSerdeTest {

    private static final ItemId ITEM = ItemId.of("b-1", "scene_2_shot_1");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123Z");

    @Test
    void itemStateRoundTripsThroughJson() {
        ItemState state = ItemState.first(StatusEvent.pending(ITEM, 0, T0), 50)
                .merge(StatusEvent.generating(ITEM, 0, 1, T0.plusMillis(5)), 50)
                .merge(StatusEvent.failed(ITEM, 0, 1, T0.plusMillis(9), new ItemError(ErrorType.TIMEOUT, "slow"),
                        T0.plusSeconds(2)), 50)
                .merge(StatusEvent.generating(ITEM, 1, 2, T0.plusSeconds(3)), 50);

        ItemState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.headOrder()).isEqualTo(state.headOrder());
        assertThat(read.lastErrorOrder()).isEqualTo(state.lastErrorOrder());
        assertThat(read.retries()).isEqualTo(state.retries());
        // A duplicate of the last event changes nothing, also after a restore from the changelog.
        assertThat(read.merge(StatusEvent.generating(ITEM, 1, 2, T0.plusSeconds(3)), 50)).isSameAs(read);
    }

    @Test
    void deadLetterReferenceOfAPermanentFailureRoundTrips() {
        ItemState state = ItemState.first(StatusEvent.failedPermanent(ITEM, 0, 4, T0,
                new ItemError(ErrorType.PERMANENT, "400"), new DeadLetterRef("genfleet.image.requests-dlt", 2, 17)), 50);

        assertThat(roundTrip(state)).isEqualTo(state);
        assertThat(roundTrip(state).deadLetter().offset()).isEqualTo(17);
    }

    @Test
    void batchSummaryRoundTripsThroughJsonWithEveryStatusCounted() {
        ItemState item = ItemState.first(StatusEvent.complete(ITEM, 0, 3, T0, "sim://x.png"), 50);
        BatchSummary summary = Summaries.of("b-1", item);

        byte[] json = AggregatorStores.SUMMARY_SERDE.serializer().serialize("t", summary);
        BatchSummary read = AggregatorStores.SUMMARY_SERDE.deserializer().deserialize("t", json);

        assertThat(read).isEqualTo(summary);
        assertThat(read.counts()).hasSize(ItemStatus.values().length).containsEntry(ItemStatus.COMPLETE, 1);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"failed_permanent\":0");
    }

    private static ItemState roundTrip(ItemState state) {
        byte[] json = AggregatorStores.ITEM_SERDE.serializer().serialize("t", state);
        return AggregatorStores.ITEM_SERDE.deserializer().deserialize("t", json);
    }
}
