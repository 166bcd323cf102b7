package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Start and completion times of a batch, through the subtract/add pairs Kafka Streams applies per item update. */
class BatchTotalsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00.000Z");
    private static final ItemId A = ItemId.of("b1", "scene_0");
    private static final ItemId B = ItemId.of("b1", "scene_1");
    private static final ItemError BOOM = new ItemError(ErrorType.TRANSIENT, "boom");

    @Test
    void startedAtIsTheOldestEventAndCompletedAtIsSetWhenTheLastItemTurnsTerminal() {
        ItemState aPending = ItemState.first(StatusEvent.pending(A, 0, T), 50);
        ItemState bPending = ItemState.first(StatusEvent.pending(B, 0, T.plusMillis(5)), 50);
        ItemState aDone = aPending.merge(StatusEvent.complete(A, 0, 1, T.plusSeconds(2), "sim://a"), 50);
        ItemState bDone = bPending.merge(StatusEvent.complete(B, 0, 1, T.plusSeconds(9), "sim://b"), 50);

        BatchSummary summary = Summaries.of("b1", aPending, bPending);
        summary = update(summary, aPending, aDone);
        assertThat(summary.completedAt()).as("one item still pending").isNull();
        assertThat(summary.completionTime()).isEmpty();

        // The subtract half of the last update already leaves only terminal items: not yet "done" for the meter.
        BatchSummary halfway = BatchTotals.subtract(summary, bPending);
        assertThat(halfway.completedAt()).isNull();
        summary = BatchTotals.add(halfway, bDone);

        assertThat(summary.done()).isTrue();
        assertThat(summary.startedAt()).isEqualTo(T);
        assertThat(summary.completedAt()).isEqualTo(T.plusSeconds(9));
        assertThat(summary.completionTime()).contains(Duration.ofSeconds(9));
    }

    @Test
    void aRepeatedUpdateOfADoneBatchKeepsItsCompletionTime() {
        ItemState done = ItemState.first(StatusEvent.complete(A, 0, 1, T, "sim://a"), 50);
        BatchSummary summary = Summaries.of("b1", done);
        Instant completed = summary.completedAt();

        BatchSummary again = update(summary, done, done.merge(StatusEvent.generating(A, 0, 1, T.plusSeconds(3)), 50));

        assertThat(completed).isEqualTo(T);
        assertThat(again.completedAt()).as("the transition to done happened once").isEqualTo(completed);
    }

    @Test
    void aRequeuedItemReopensTheBatchAndItsNextCompletionCountsFromTheSameStart() {
        ItemState dead = ItemState.first(StatusEvent.pending(A, 0, T), 50)
                .merge(StatusEvent.failedPermanent(A, 0, 4, T.plusSeconds(15), BOOM), 50);
        BatchSummary summary = Summaries.of("b1", ItemState.first(StatusEvent.pending(A, 0, T), 50));
        summary = update(summary, ItemState.first(StatusEvent.pending(A, 0, T), 50), dead);
        assertThat(summary.completedAt()).isEqualTo(T.plusSeconds(15));

        ItemState requeued = dead.merge(StatusEvent.pending(A, 1, T.plusSeconds(60)), 50);
        summary = update(summary, dead, requeued);
        assertThat(summary.done()).isFalse();
        assertThat(summary.completedAt()).as("open again").isNull();

        summary = update(summary, requeued, requeued.merge(StatusEvent.complete(A, 1, 1, T.plusSeconds(62), "sim://a"), 50));
        assertThat(summary.completionTime()).contains(Duration.ofSeconds(62));
        assertThat(summary.startedAt()).isEqualTo(T);
    }

    @Test
    void aSummaryStoredBeforeStartAndCompletionTimesExistedStillReads() {
        JsonSerde<BatchSummary> serde = JsonSerde.unversioned(BatchSummary.class);
        String old = "{\"batchId\":\"b1\",\"total\":1,\"counts\":{\"complete\":1},\"retries\":0,"
                + "\"updatedAt\":\"2026-01-01T00:00:00.000Z\"}";

        BatchSummary read = serde.read(old.getBytes(StandardCharsets.UTF_8));

        assertThat(read.total()).isEqualTo(1);
        assertThat(read.startedAt()).isNull();
        assertThat(read.completionTime()).isEmpty();
        BatchSummary current = Summaries.of("b1", ItemState.first(StatusEvent.pending(A, 0, T), 50));
        assertThat(serde.read(serde.write(current))).isEqualTo(current);
    }

    private static BatchSummary update(BatchSummary summary, ItemState before, ItemState after) {
        return BatchTotals.update(summary, before, after);
    }
}
