package io.genfleet.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ItemStateTest {

    private static final ItemId ID = ItemId.of("b1", "video_scene_0");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final ItemError BOOM = new ItemError(ErrorType.TIMEOUT, "provider timed out");

    @Test
    void aLateGeneratingEventNeverMovesACompleteItemBack() {
        ItemState state = ItemState.first(StatusEvent.complete(ID, 0, 2, T, "sim://b1/video_scene_0/0-2.mp4"), 50)
                .merge(StatusEvent.generating(ID, 0, 2, T.minusMillis(5)), 50);
        assertThat(state.status()).isEqualTo(ItemStatus.COMPLETE);
        assertThat(state.resultUri()).isEqualTo("sim://b1/video_scene_0/0-2.mp4");
        assertThat(state.history()).extracting(HistoryEntry::status)
                .containsExactly(ItemStatus.GENERATING, ItemStatus.COMPLETE);
    }

    @Test
    void aManualRetryStartsANewEpochAndKeepsTheLastError() {
        ItemState state = ItemState.first(StatusEvent.failedPermanent(ID, 0, 4, T, BOOM), 50)
                .merge(StatusEvent.pending(ID, 1, T.plusSeconds(1)), 50);
        assertThat(state.status()).isEqualTo(ItemStatus.PENDING);
        assertThat(state.epoch()).isEqualTo(1);
        assertThat(state.attempt()).isEqualTo(1);
        assertThat(state.lastError()).isEqualTo(BOOM);
        assertThat(state.retries()).as("three automatic retries in epoch 0").isEqualTo(3);
        assertThat(state.totalAttempts()).isEqualTo(5);
    }

    @Test
    void theDeadLetterReferenceFollowsTheHead() {
        DeadLetterRef ref = new DeadLetterRef("genfleet.video.requests-dlt", 2, 17);
        ItemState dead = ItemState.first(StatusEvent.failedPermanent(ID, 0, 4, T, BOOM, ref), 50);
        assertThat(dead.deadLetter()).isEqualTo(ref);
        var serde = io.genfleet.common.json.JsonSerde.unversioned(ItemState.class);
        assertThat(serde.read(serde.write(dead))).isEqualTo(dead);
        assertThat(dead.merge(StatusEvent.pending(ID, 1, T.plusSeconds(1)), 50).deadLetter())
                .as("a requeued item no longer points at a dead letter").isNull();
    }

    @Test
    void retriesCountAttemptsAfterTheFirstOfEachEpoch() {
        ItemState state = ItemState.first(StatusEvent.generating(ID, 0, 3, T), 50)
                .merge(StatusEvent.generating(ID, 1, 2, T.plusSeconds(1)), 50);
        assertThat(state.retries()).isEqualTo(2 + 1);
    }
}
