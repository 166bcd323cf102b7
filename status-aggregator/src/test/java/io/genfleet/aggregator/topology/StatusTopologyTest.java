package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.HistoryEntry;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusTopologyTest {

    private static final String BATCH = "b-1";
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.000Z");
    private static final ItemError TRANSIENT = new ItemError(ErrorType.TRANSIENT, "provider said 503");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(50, stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void summaryCountsFollowItemTransitions() {
        ItemId a = item("scene_0");
        ItemId b = item("scene_1");
        ItemId c = item("video_scene_0");
        fixture.pipe(StatusEvent.pending(a, 0, T0), StatusEvent.pending(b, 0, T0), StatusEvent.pending(c, 0, T0));
        assertThat(counts()).containsEntry(ItemStatus.PENDING, 3);

        fixture.pipe(StatusEvent.generating(a, 0, 1, at(1)), StatusEvent.generating(c, 0, 1, at(1)),
                StatusEvent.complete(a, 0, 1, at(2), "sim://b-1/scene_0/0-1.png"));

        BatchSummary summary = fixture.summary(BATCH);
        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.counts()).isEqualTo(Map.of(ItemStatus.PENDING, 1, ItemStatus.GENERATING, 1,
                ItemStatus.COMPLETE, 1, ItemStatus.FAILED, 0, ItemStatus.FAILED_PERMANENT, 0));
        assertThat(summary.updatedAt()).isEqualTo(at(2));
        assertThat(summary.done()).isFalse();
        assertThat(fixture.item(a).resultUri()).isEqualTo("sim://b-1/scene_0/0-1.png");
    }

    @Test
    void theAnnouncedSizeMakesTheTotalsExactFromTheFirstEventOn() {
        ItemId a = item("scene_0");
        ItemId b = item("scene_1");
        ItemId c = item("video_scene_0");
        fixture.pipe(StatusEvent.submitted(a, T0, 3));

        BatchSummary first = fixture.summary(BATCH);
        assertThat(first.itemCount()).as("one event seen, three announced").isEqualTo(3);
        assertThat(first.count(ItemStatus.PENDING)).isEqualTo(3);
        assertThat(first.done()).isFalse();

        // The first item finishes before the other two pending events were read: 1 of 3, not "done".
        fixture.pipe(StatusEvent.generating(a, 0, 1, at(1)), StatusEvent.complete(a, 0, 1, at(2), "sim://a"));
        BatchSummary oneDone = fixture.summary(BATCH);
        assertThat(oneDone.itemCount()).isEqualTo(3);
        assertThat(oneDone.count(ItemStatus.COMPLETE)).isEqualTo(1);
        assertThat(oneDone.count(ItemStatus.PENDING)).isEqualTo(2);
        assertThat(oneDone.done()).isFalse();
        assertThat(fixture.completedBatches).isEmpty();

        fixture.pipe(StatusEvent.submitted(b, T0, 3), StatusEvent.submitted(c, T0, 3));
        assertThat(fixture.summary(BATCH).itemCount()).isEqualTo(3);
        assertThat(fixture.summary(BATCH).count(ItemStatus.PENDING)).isEqualTo(2);
        fixture.pipe(StatusEvent.complete(b, 0, 1, at(3), "sim://b"), StatusEvent.complete(c, 0, 1, at(4), "sim://c"));
        assertThat(fixture.summary(BATCH).done()).isTrue();
        assertThat(fixture.completedBatches).as("done once, when the third item completed").hasSize(1);
    }

    @Test
    void aDoneBatchLeavesTheStoresAfterTheRetentionAndARunningOneStays() {
        fixture.close();
        fixture = new TopologyFixture(50, Duration.ofHours(1), T0, stateDir);
        ItemId a = item("scene_0");
        ItemId b = item("scene_1");
        ItemId running = ItemId.of("b-running", "scene_0");
        fixture.pipe(StatusEvent.submitted(a, T0, 2), StatusEvent.submitted(b, T0, 2),
                StatusEvent.complete(a, 0, 1, at(1), "sim://a"), StatusEvent.complete(b, 0, 1, at(2), "sim://b"),
                StatusEvent.submitted(running, T0, 1));
        assertThat(fixture.summary(BATCH).done()).isTrue();

        fixture.driver.advanceWallClockTime(Duration.ofMinutes(50));
        assertThat(fixture.summary(BATCH)).as("within the retention").isNotNull();

        fixture.driver.advanceWallClockTime(Duration.ofMinutes(20));
        assertThat(fixture.summary(BATCH)).as("an hour after it was done").isNull();
        assertThat(fixture.item(a)).isNull();
        assertThat(fixture.item(b)).isNull();
        assertThat(fixture.expiredBatches).containsExactly(BATCH + ":2");
        assertThat(fixture.summary("b-running")).as("not done: kept").isNotNull();
        assertThat(fixture.item(running)).isNotNull();
    }

    @Test
    void duplicateStatusEventDoesNotChangeCounts() {
        ItemId a = item("scene_0");
        StatusEvent generating = StatusEvent.generating(a, 0, 1, at(1));
        fixture.pipe(StatusEvent.pending(a, 0, T0), generating);
        BatchSummary before = fixture.summary(BATCH);
        ItemState itemBefore = fixture.item(a);

        fixture.pipe(generating, generating, StatusEvent.pending(a, 0, T0));

        assertThat(fixture.appliedEvents).as("only the first delivery of each event changes the item").hasSize(2);
        assertThat(fixture.summary(BATCH)).isEqualTo(before);
        assertThat(fixture.item(a)).isEqualTo(itemBefore);
        assertThat(before.total()).isEqualTo(1);
        assertThat(before.count(ItemStatus.GENERATING)).isEqualTo(1);
    }

    @Test
    void lateEventNeverMovesItemBackwards() {
        ItemId a = item("scene_0_shot_2");
        fixture.pipe(StatusEvent.complete(a, 0, 2, at(5), "sim://b-1/scene_0_shot_2/0-2.png"),
                StatusEvent.failed(a, 0, 1, at(2), TRANSIENT, at(4)),
                StatusEvent.generating(a, 0, 1, at(1)),
                StatusEvent.pending(a, 0, T0));

        ItemState state = fixture.item(a);
        assertThat(state.status()).isEqualTo(ItemStatus.COMPLETE);
        assertThat(state.attempt()).isEqualTo(2);
        assertThat(state.lastError()).isEqualTo(TRANSIENT);
        assertThat(state.history()).extracting(HistoryEntry::status).containsExactly(ItemStatus.PENDING,
                ItemStatus.GENERATING, ItemStatus.FAILED, ItemStatus.COMPLETE);
        assertThat(counts()).containsEntry(ItemStatus.COMPLETE, 1).containsEntry(ItemStatus.PENDING, 0);
        assertThat(fixture.summary(BATCH).retries()).isEqualTo(1);
    }

    @Test
    void permanentFailureThenManualRetryEpochCompletes() {
        ItemId a = item("video_scene_3");
        ItemId b = item("scene_3");
        fixture.pipe(StatusEvent.pending(b, 0, T0));
        // Epoch 0: four attempts, the last one exhausts the retries.
        fixture.pipe(StatusEvent.pending(a, 0, T0));
        for (int attempt = 1; attempt <= 3; attempt++) {
            fixture.pipe(StatusEvent.generating(a, 0, attempt, at(attempt * 10)),
                    StatusEvent.failed(a, 0, attempt, at(attempt * 10 + 1), TRANSIENT, at(attempt * 10 + 5)));
        }
        fixture.pipe(StatusEvent.generating(a, 0, 4, at(40)),
                StatusEvent.failedPermanent(a, 0, 4, at(41), TRANSIENT));
        assertThat(counts()).containsEntry(ItemStatus.FAILED_PERMANENT, 1).containsEntry(ItemStatus.PENDING, 1);
        assertThat(fixture.summary(BATCH).retries()).isEqualTo(3);

        // Epoch 1 (retry-failed): pending again, then the first attempt of the new epoch completes.
        fixture.pipe(StatusEvent.pending(a, 1, at(50)));
        assertThat(counts()).containsEntry(ItemStatus.FAILED_PERMANENT, 0).containsEntry(ItemStatus.PENDING, 2);
        fixture.pipe(StatusEvent.generating(a, 1, 1, at(51)), StatusEvent.complete(a, 1, 1, at(52), "sim://x.mp4"),
                // a late failure of epoch 0 must not undo the retry
                StatusEvent.failed(a, 0, 3, at(31), TRANSIENT, at(35)));

        BatchSummary summary = fixture.summary(BATCH);
        assertThat(summary.counts()).containsEntry(ItemStatus.COMPLETE, 1).containsEntry(ItemStatus.PENDING, 1)
                .containsEntry(ItemStatus.FAILED_PERMANENT, 0).containsEntry(ItemStatus.FAILED, 0);
        assertThat(summary.total()).isEqualTo(2);
        assertThat(summary.retries()).isEqualTo(3);
        ItemState state = fixture.item(a);
        assertThat(state.epoch()).isEqualTo(1);
        assertThat(state.attempt()).isEqualTo(1);
        assertThat(state.lastError()).isEqualTo(TRANSIENT);
    }

    @Test
    void countsAlwaysSumToTotalWhateverTheArrivalOrder() {
        List<StatusEvent> events = new ArrayList<>();
        for (int scene = 0; scene < 6; scene++) {
            ItemId id = item("scene_" + scene);
            events.add(StatusEvent.pending(id, 0, T0));
            events.add(StatusEvent.generating(id, 0, 1, at(1)));
            events.add(StatusEvent.failed(id, 0, 1, at(2), TRANSIENT, at(4)));
            events.add(StatusEvent.generating(id, 0, 2, at(4)));
            events.add(scene % 2 == 0 ? StatusEvent.complete(id, 0, 2, at(5), "sim://r.png")
                    : StatusEvent.failedPermanent(id, 0, 2, at(5), new ItemError(ErrorType.CONTENT_POLICY, "no")));
        }
        // Shuffled and partly duplicated, as at-least-once delivery may hand them over.
        List<StatusEvent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 10));
        Collections.shuffle(delivered, new Random(7));

        for (StatusEvent event : delivered) {
            fixture.pipe(event);
            BatchSummary summary = fixture.summary(BATCH);
            assertThat(summary.counts().values().stream().mapToInt(Integer::intValue).sum())
                    .as("counts after %s", event).isEqualTo(summary.total());
        }
        BatchSummary summary = fixture.summary(BATCH);
        assertThat(summary.total()).isEqualTo(6);
        assertThat(summary.count(ItemStatus.COMPLETE)).isEqualTo(3);
        assertThat(summary.count(ItemStatus.FAILED_PERMANENT)).isEqualTo(3);
        assertThat(summary.retries()).isEqualTo(6);
        assertThat(summary.done()).isTrue();
        assertThat(summary.progress()).isEqualTo(1.0);
    }

    @Test
    void historyKeepsOnlyTheNewestEntriesUpToTheLimit() {
        fixture.close();
        fixture = new TopologyFixture(4, stateDir.resolve("limited"));
        ItemId a = item("scene_0");
        fixture.pipe(StatusEvent.pending(a, 0, T0));
        for (int attempt = 1; attempt <= 3; attempt++) {
            fixture.pipe(StatusEvent.generating(a, 0, attempt, at(attempt * 10)),
                    StatusEvent.failed(a, 0, attempt, at(attempt * 10 + 1), TRANSIENT, at(attempt * 10 + 5)));
        }

        List<HistoryEntry> history = fixture.item(a).history();
        assertThat(history).hasSize(4);
        assertThat(history.get(3).status()).isEqualTo(ItemStatus.FAILED);
        assertThat(history.get(3).attempt()).isEqualTo(3);
        assertThat(history.get(0).attempt()).isEqualTo(2);
        assertThat(fixture.item(a).retries()).isEqualTo(2);
    }

    @Test
    void itemsOfOneBatchAreFoundByPrefixAndDoNotCountInOtherBatches() {
        ItemId mine = item("scene_0");
        ItemId other = ItemId.of("b-10", "scene_0");
        fixture.pipe(StatusEvent.pending(mine, 0, T0), StatusEvent.pending(other, 0, T0));

        List<String> keys = new ArrayList<>();
        try (var it = fixture.items().prefixScan(AggregatorStores.itemPrefix(BATCH),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).containsExactly("b-1/scene_0");
        assertThat(fixture.summary(BATCH).total()).isEqualTo(1);
        assertThat(fixture.summary("b-10").total()).isEqualTo(1);
        assertThat(fixture.summary("b-10").batchId()).isEqualTo("b-10");
    }

    @Test
    void aBatchTurningDoneIsReportedOnceWithItsDurationInEventTime() {
        ItemId a = item("scene_0");
        ItemId b = item("scene_1");
        fixture.pipe(StatusEvent.pending(a, 0, T0), StatusEvent.pending(b, 0, at(0)),
                StatusEvent.generating(a, 0, 1, at(1)), StatusEvent.complete(a, 0, 1, at(2), "sim://b-1/scene_0/0-1.png"),
                StatusEvent.generating(b, 0, 1, at(3)),
                StatusEvent.failed(b, 0, 1, at(4), TRANSIENT, at(6)));
        assertThat(fixture.completedBatches).as("one item still open").isEmpty();

        StatusEvent last = StatusEvent.failedPermanent(b, 0, 2, at(9), TRANSIENT);
        fixture.pipe(StatusEvent.generating(b, 0, 2, at(7)), last);
        // Duplicates of done items and a late event must not report the batch again.
        fixture.pipe(last, StatusEvent.complete(a, 0, 1, at(2), "sim://b-1/scene_0/0-1.png"),
                StatusEvent.generating(b, 0, 2, at(7)));

        assertThat(fixture.completedBatches).singleElement().satisfies(summary -> {
            assertThat(summary.batchId()).isEqualTo(BATCH);
            assertThat(summary.startedAt()).isEqualTo(T0);
            assertThat(summary.completionTime()).contains(java.time.Duration.ofSeconds(9));
        });
        assertThat(fixture.summary(BATCH).completedAt()).isEqualTo(at(9));
    }

    private Map<ItemStatus, Integer> counts() {
        return fixture.summary(BATCH).counts();
    }

    private static ItemId item(String itemKey) {
        return new ItemId(BATCH, ItemKey.parse(itemKey));
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
