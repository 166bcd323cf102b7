package io.genfleet.common.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A completion's {@code contentType} and {@code sizeBytes}: on the status event, kept on the item, and optional on
 * the wire in both directions (events and stored items written before they existed read as before).
 */
class ResultMetadataTest {

    private static final JsonSerde<StatusEvent> EVENTS = new JsonSerde<>(StatusEvent.class, StatusEvent.SCHEMA_VERSION);
    private static final JsonSerde<ItemState> ITEMS = JsonSerde.unversioned(ItemState.class);
    private static final ItemId ID = ItemId.of("b1", "scene_0_shot_2");
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    private static final String URI = "s3://assets/b1/scene_0_shot_2/0-1.png";

    private static String json(StatusEvent event) {
        return new String(EVENTS.write(event), StandardCharsets.UTF_8);
    }

    @Test
    void aCompletionWithAStoredResultCarriesItsTypeAndSizeOnTheWire() {
        StatusEvent event = StatusEvent.complete(ID, 0, 1, AT, URI, "image/png", 48_213L);

        String json = json(event);

        assertThat(json).contains("\"contentType\":\"image/png\"", "\"sizeBytes\":48213");
        assertThat(EVENTS.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void eventsWithoutAStoredResultWriteNeitherField() {
        assertThat(json(StatusEvent.complete(ID, 0, 1, AT, "sim://b1/scene_0_shot_2/0-1.png")))
                .doesNotContain("contentType", "sizeBytes");
        assertThat(json(StatusEvent.generating(ID, 0, 1, AT))).doesNotContain("contentType", "sizeBytes");
    }

    @Test
    void anEventWrittenBeforeTheFieldsExistedIsReadWithoutThem() {
        String old = "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"scene_0_shot_2\",\"status\":\"complete\","
                + "\"epoch\":0,\"attempt\":1,\"at\":\"2026-03-04T05:06:07.000Z\",\"resultUri\":\"" + URI + "\"}";

        StatusEvent event = EVENTS.read(old.getBytes(StandardCharsets.UTF_8));

        assertThat(event.resultUri()).isEqualTo(URI);
        assertThat(event.contentType()).isNull();
        assertThat(event.sizeBytes()).isNull();
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> StatusEvent.complete(ID, 0, 1, AT, URI, "image/png", -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeBytes");
    }

    @Test
    void theItemKeepsTheTypeAndSizeOfItsHeadAndALateEventDoesNotEraseThem() {
        ItemState complete = ItemState.first(StatusEvent.generating(ID, 0, 1, AT), 50)
                .merge(StatusEvent.complete(ID, 0, 1, AT.plusSeconds(3), URI, "image/png", 48_213L), 50);

        assertThat(complete.contentType()).isEqualTo("image/png");
        assertThat(complete.sizeBytes()).isEqualTo(48_213L);
        // A duplicate of an earlier step arrives late: it is not the head, the result stays described.
        ItemState afterLate = complete.merge(StatusEvent.generating(ID, 0, 1, AT), 50);
        assertThat(afterLate.contentType()).isEqualTo("image/png");
        assertThat(afterLate.sizeBytes()).isEqualTo(48_213L);
        // A replay (epoch 1) starts again: the new head has no result yet, so neither has the item.
        ItemState replayed = complete.merge(StatusEvent.pending(ID, 1, AT.plusSeconds(60)), 50);
        assertThat(replayed.resultUri()).isNull();
        assertThat(replayed.contentType()).isNull();
        assertThat(replayed.sizeBytes()).isNull();
    }

    @Test
    void storedItemsRoundTripAndOnesWrittenBeforeTheFieldsExistedReadAsUnknown() {
        ItemState complete = ItemState.first(StatusEvent.complete(ID, 0, 1, AT, URI, "video/mp4", 9_000_000L), 50);
        assertThat(ITEMS.read(ITEMS.write(complete))).isEqualTo(complete);

        ItemState simulated = ItemState.first(StatusEvent.complete(ID, 0, 1, AT, "sim://x"), 50);
        String stored = new String(ITEMS.write(simulated), StandardCharsets.UTF_8);
        assertThat(stored).as("state stores stay as they were for results without a type")
                .doesNotContain("contentType", "sizeBytes");
        assertThat(ITEMS.read(stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(simulated);
    }
}
