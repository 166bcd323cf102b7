package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.Hold;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scene's video held until the scene's shots are complete: released by the aggregator's processor once per epoch,
 * ended {@code dependency_failed} when a shot fails for good, held again by retry-failed.
 */
class DependencyReleaseTest {

    private static final String BATCH = "b-dep";
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.000Z");
    private static final ItemId SHOT_0 = ItemId.of(BATCH, "scene_0_shot_0");
    private static final ItemId SHOT_1 = ItemId.of(BATCH, "scene_0_shot_1");
    private static final ItemId VIDEO = ItemId.of(BATCH, "video_scene_0");
    private static final Map<String, Object> PARAMS = Map.of("duration", 5, "loop", true);
    private static final String IMAGE = "https://cdn.example.com/given.png";
    private static final ItemError PERMANENT = new ItemError(ErrorType.CONTENT_POLICY, "refused");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(50, stateDir);
        GenerationRequest held = GenerationRequest.first(VIDEO, "the video", null, T0, PARAMS, IMAGE);
        fixture.pipe(StatusEvent.submitted(SHOT_0, T0, 3), StatusEvent.submitted(SHOT_1, T0, 3),
                StatusEvent.submittedHeld(VIDEO, T0, 3,
                        Hold.of(List.of(SHOT_0.itemKey().toString(), SHOT_1.itemKey().toString()), held)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theVideoWaitsAsPendingAndIsReleasedOnceWithItsShotsResults() {
        assertThat(fixture.item(VIDEO).waitingFor()).containsExactly("scene_0_shot_0", "scene_0_shot_1");
        assertThat(fixture.summary(BATCH).counts()).containsEntry(ItemStatus.PENDING, 3);

        fixture.pipe(StatusEvent.generating(SHOT_1, 0, 1, at(1)), StatusEvent.complete(SHOT_1, 0, 1, at(2), uri(SHOT_1)));
        assertThat(fixture.released(Lane.VIDEO)).as("one shot is not enough").isEmpty();
        assertThat(fixture.item(VIDEO).waitingFor()).containsExactly("scene_0_shot_0");

        fixture.pipe(StatusEvent.generating(SHOT_0, 0, 1, at(3)), StatusEvent.complete(SHOT_0, 0, 1, at(4), uri(SHOT_0)));
        List<KeyValue<String, GenerationRequest>> released = fixture.released(Lane.VIDEO);
        assertThat(released).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(VIDEO.toString());
            assertThat(record.value.epoch()).isZero();
            assertThat(record.value.prompt()).isEqualTo("the video");
            // Storyboard order, whatever order the shots completed in.
            assertThat(record.value.inputs()).containsExactly(uri(SHOT_0), uri(SHOT_1));
            assertThat(record.value.params()).as("the storyboard's params, kept in the store").isEqualTo(PARAMS);
            assertThat(record.value.imageUri()).isEqualTo(IMAGE);
        });
        ItemState video = fixture.item(VIDEO);
        assertThat(video.status()).isEqualTo(ItemStatus.PENDING);
        assertThat(video.waitingFor()).isEmpty();
        assertThat(video.releasedEpoch()).isZero();
        assertThat(fixture.summary(BATCH).counts()).containsEntry(ItemStatus.PENDING, 1)
                .containsEntry(ItemStatus.COMPLETE, 2);

        // Duplicates of everything (a producer retry, a worker replay after kill -9): nothing is released again.
        fixture.pipe(StatusEvent.complete(SHOT_0, 0, 1, at(5), uri(SHOT_0)),
                StatusEvent.complete(SHOT_1, 0, 1, at(6), uri(SHOT_1)));
        fixture.pipe(StatusEvent.submittedHeld(VIDEO, T0, 3, fixture.item(VIDEO).hold()));
        assertThat(fixture.released(Lane.VIDEO)).isEmpty();
        assertThat(fixture.released(Lane.IMAGE)).isEmpty();

        fixture.pipe(StatusEvent.generating(VIDEO, 0, 1, at(7)), StatusEvent.complete(VIDEO, 0, 1, at(8), uri(VIDEO)));
        BatchSummary done = fixture.summary(BATCH);
        assertThat(done.done()).isTrue();
        assertThat(done.counts()).containsEntry(ItemStatus.COMPLETE, 3).containsEntry(ItemStatus.PENDING, 0);
    }

    @Test
    void aShotThatFailsForGoodEndsTheVideoDependencyFailedWithoutARequest() {
        fixture.pipe(StatusEvent.complete(SHOT_1, 0, 1, at(1), uri(SHOT_1)),
                StatusEvent.failedPermanent(SHOT_0, 0, 1, at(2), PERMANENT));

        assertThat(fixture.released(Lane.VIDEO)).isEmpty();
        ItemState video = fixture.item(VIDEO);
        assertThat(video.status()).isEqualTo(ItemStatus.FAILED_PERMANENT);
        assertThat(video.epoch()).isZero();
        assertThat(video.lastError().type()).isEqualTo(ErrorType.DEPENDENCY_FAILED);
        assertThat(video.lastError().message()).contains("scene_0_shot_0", "content_policy");
        // The decision is on the status topic too, on its batch's partition, like every other step.
        assertThat(fixture.statusWritten()).singleElement().satisfies(event -> {
            assertThat(event.itemKey()).isEqualTo("video_scene_0");
            assertThat(event.status()).isEqualTo(ItemStatus.FAILED_PERMANENT);
        });
        BatchSummary summary = fixture.summary(BATCH);
        assertThat(summary.done()).isTrue();
        assertThat(summary.counts()).containsEntry(ItemStatus.COMPLETE, 1).containsEntry(ItemStatus.FAILED_PERMANENT, 2)
                .containsEntry(ItemStatus.PENDING, 0);
        assertThat(fixture.completedBatches).hasSize(1);
    }

    @Test
    void retryFailedHoldsTheVideoAgainAndTheRetriedShotReleasesItAtEpochOne() {
        fixture.pipe(StatusEvent.complete(SHOT_1, 0, 1, at(1), uri(SHOT_1)),
                StatusEvent.failedPermanent(SHOT_0, 0, 4, at(2), PERMANENT));
        assertThat(fixture.item(VIDEO).status()).isEqualTo(ItemStatus.FAILED_PERMANENT);

        // What retry-failed writes in one transaction: the shot's requeue, then the video held again.
        fixture.pipe(StatusEvent.pending(SHOT_0, 1, at(3)), StatusEvent.heldAgain(VIDEO, 1, at(3)));
        ItemState held = fixture.item(VIDEO);
        assertThat(held.status()).isEqualTo(ItemStatus.PENDING);
        assertThat(held.epoch()).isEqualTo(1);
        assertThat(held.waitingFor()).containsExactly("scene_0_shot_0");
        assertThat(fixture.summary(BATCH).counts()).containsEntry(ItemStatus.PENDING, 2)
                .containsEntry(ItemStatus.FAILED_PERMANENT, 0);
        assertThat(fixture.summary(BATCH).done()).isFalse();

        fixture.pipe(StatusEvent.complete(SHOT_0, 1, 1, at(4), uri(SHOT_0)));
        assertThat(fixture.released(Lane.VIDEO)).singleElement().satisfies(record -> {
            assertThat(record.value.epoch()).isEqualTo(1);
            assertThat(record.value.priorAttempts()).as("epoch 0 made no provider call").isZero();
            assertThat(record.value.inputs()).containsExactly(uri(SHOT_0), uri(SHOT_1));
            assertThat(record.value.params()).as("held again: still the storyboard's params").isEqualTo(PARAMS);
            assertThat(record.value.imageUri()).isEqualTo(IMAGE);
        });
        // A late echo of epoch 0's dependency_failed changes nothing.
        fixture.pipe(StatusEvent.failedPermanent(VIDEO, 0, 1, at(2), new ItemError(ErrorType.DEPENDENCY_FAILED, "x")));
        assertThat(fixture.item(VIDEO).status()).isEqualTo(ItemStatus.PENDING);
        assertThat(fixture.released(Lane.VIDEO)).isEmpty();
    }

    @Test
    void heldAgainWhileAShotIsStillFailedEndsDependencyFailedInTheNewEpoch() {
        fixture.pipe(StatusEvent.failedPermanent(SHOT_0, 0, 1, at(1), PERMANENT),
                StatusEvent.failedPermanent(SHOT_1, 0, 1, at(1), PERMANENT));
        // Only the video is retried: its shots are still failed_permanent.
        fixture.pipe(StatusEvent.heldAgain(VIDEO, 1, at(2)));

        ItemState video = fixture.item(VIDEO);
        assertThat(video.status()).isEqualTo(ItemStatus.FAILED_PERMANENT);
        assertThat(video.epoch()).isEqualTo(1);
        assertThat(video.lastError().type()).isEqualTo(ErrorType.DEPENDENCY_FAILED);
        assertThat(fixture.released(Lane.VIDEO)).isEmpty();
        assertThat(fixture.summary(BATCH).done()).isTrue();
    }

    @Test
    void aVideoRequeuedFromItsOwnDeadLetterIsNotReleasedAgain() {
        fixture.pipe(StatusEvent.complete(SHOT_0, 0, 1, at(1), uri(SHOT_0)),
                StatusEvent.complete(SHOT_1, 0, 1, at(1), uri(SHOT_1)));
        assertThat(fixture.released(Lane.VIDEO)).hasSize(1);
        fixture.pipe(StatusEvent.generating(VIDEO, 0, 1, at(2)),
                StatusEvent.failedPermanent(VIDEO, 0, 4, at(3), PERMANENT));

        // Retry-failed requeues the video's dead letter (it carries its inputs) and writes a plain pending event.
        fixture.pipe(StatusEvent.pending(VIDEO, 1, at(4)));

        assertThat(fixture.released(Lane.VIDEO)).as("the requeue is the request of epoch 1").isEmpty();
        assertThat(fixture.item(VIDEO).waitingFor()).isEmpty();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static String uri(ItemId id) {
        return "sim://" + id.batchId() + "/" + id.itemKey() + "/0-1." + (id.itemKey().lane() == Lane.VIDEO ? "mp4" : "png");
    }
}
