package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.Hold;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The store values must survive the changelog: out and back in, equal and still mergeable, in the compact format;
 * values that earlier versions wrote as JSON must still read; damaged values must be refused, never misread.
 */
class StoreSerdeTest {

    private static final ItemId ITEM = ItemId.of("b-1", "scene_2_shot_1");
    private static final ItemId SHOT = ItemId.of("b-1", "scene_2_shot_0");
    private static final ItemId VIDEO = ItemId.of("b-1", "video_scene_2");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123Z");

    @Test
    void itemStateRoundTrips() {
        ItemState state = retriedItem();

        ItemState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.headOrder()).isEqualTo(state.headOrder());
        assertThat(read.lastErrorOrder()).isEqualTo(state.lastErrorOrder());
        assertThat(read.retries()).isEqualTo(state.retries());
        // A duplicate of the last event changes nothing, also after a restore from the changelog.
        assertThat(read.merge(StatusEvent.generating(ITEM, 1, 2, T0.plusSeconds(3)), 50)).isSameAs(read);
    }

    @Test
    void everyOptionalFieldRoundTrips() {
        GenerationRequest request = GenerationRequest.first(VIDEO, "the video, é 🎬", new Simulation(2, null, 10), T0,
                Map.of("duration", 5, "style", "noir"), "https://img.example/a.png");
        ItemState held = ItemState.first(StatusEvent.submittedHeld(VIDEO, T0, 3,
                Hold.of(List.of(SHOT.itemKey().toString()), request)), 50);
        ItemState state = held.waitingFor(List.of(SHOT.itemKey().toString())).released()
                .merge(StatusEvent.failedPermanent(VIDEO, 0, 4, T0.plusSeconds(30),
                        new ItemError(ErrorType.PERMANENT, "400 «bad»"),
                        new DeadLetterRef("genfleet.video.requests-dlt", 2, 17_000_000_000L)), 50)
                .merge(StatusEvent.complete(VIDEO, 1, 1, T0.plusSeconds(60), "s3://bucket/b-1/video.mp4",
                        "video/mp4", 12_345_678_901L), 50);

        ItemState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.hold().request()).isEqualTo(request);
        assertThat(read.releasedEpoch()).isZero();
        assertThat(read.sizeBytes()).isEqualTo(12_345_678_901L);
        assertThat(read.history()).hasSize(state.history().size());
    }

    @Test
    void deadLetterReferenceOfAPermanentFailureRoundTrips() {
        ItemState state = ItemState.first(StatusEvent.failedPermanent(ITEM, 0, 4, T0,
                new ItemError(ErrorType.PERMANENT, "400"), new DeadLetterRef("genfleet.image.requests-dlt", 2, 17)), 50);

        assertThat(roundTrip(state)).isEqualTo(state);
        assertThat(roundTrip(state).deadLetter().offset()).isEqualTo(17);
    }

    @Test
    void batchSummaryRoundTripsWithEveryStatusCounted() {
        ItemState item = ItemState.first(StatusEvent.complete(ITEM, 0, 3, T0, "sim://x.png"), 50);
        BatchSummary summary = BatchTotals.announce(Summaries.of("b-1", item), 7);

        byte[] bytes = AggregatorStores.SUMMARY_SERDE.serializer().serialize("t", summary);
        BatchSummary read = AggregatorStores.SUMMARY_SERDE.deserializer().deserialize("t", bytes);

        assertThat(read).isEqualTo(summary);
        assertThat(read.counts()).hasSize(ItemStatus.values().length).containsEntry(ItemStatus.COMPLETE, 1);
        assertThat(read.count(ItemStatus.PENDING)).isEqualTo(6);
        assertThat(read.completionTime()).isEqualTo(summary.completionTime());
    }

    @Test
    void valuesStoredAsJsonByEarlierVersionsStillRead() {
        ItemState state = retriedItem();
        BatchSummary summary = Summaries.of("b-1", state);

        byte[] itemJson = JsonSerde.unversioned(ItemState.class).write(state);
        byte[] summaryJson = JsonSerde.unversioned(BatchSummary.class).write(summary);

        assertThat(AggregatorStores.ITEM_SERDE.deserializer().deserialize("t", itemJson)).isEqualTo(state);
        assertThat(AggregatorStores.SUMMARY_SERDE.deserializer().deserialize("t", summaryJson)).isEqualTo(summary);
    }

    @Test
    void theCompactFormIsSmallerThanJson() {
        ItemState state = retriedItem();

        byte[] compact = AggregatorStores.ITEM_SERDE.serializer().serialize("t", state);
        byte[] json = JsonSerde.unversioned(ItemState.class).write(state);

        assertThat(compact.length).isLessThan(json.length / 3);
    }

    @Test
    void damagedValuesAreRefusedWithTheReason() {
        byte[] bytes = AggregatorStores.ITEM_SERDE.serializer().serialize("t", retriedItem());
        var deserializer = AggregatorStores.ITEM_SERDE.deserializer();

        for (int length = 1; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                    .as("cut after %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("ItemState");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> deserializer.deserialize("t", longer)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("1 bytes left");
        byte[] unknownFormat = bytes.clone();
        unknownFormat[0] = 7;
        assertThatThrownBy(() -> deserializer.deserialize("t", unknownFormat)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format 7");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0])).isInstanceOf(SerializationException.class);
    }

    private static ItemState retriedItem() {
        return ItemState.first(StatusEvent.pending(ITEM, 0, T0), 50)
                .merge(StatusEvent.generating(ITEM, 0, 1, T0.plusMillis(5)), 50)
                .merge(StatusEvent.failed(ITEM, 0, 1, T0.plusMillis(9), new ItemError(ErrorType.TIMEOUT, "slow"),
                        T0.plusSeconds(2)), 50)
                .merge(StatusEvent.generating(ITEM, 1, 2, T0.plusSeconds(3)), 50);
    }

    private static ItemState roundTrip(ItemState state) {
        byte[] bytes = AggregatorStores.ITEM_SERDE.serializer().serialize("t", state);
        return AggregatorStores.ITEM_SERDE.deserializer().deserialize("t", bytes);
    }
}
