package io.genfleet.aggregator.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentBatchesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void newestFirstByStartTimeNotByLastUpdate() {
        List<BatchSummary> all = List.of(running("old", 0, 999), running("new", 60, 61), running("mid", 30, 30));

        assertThat(ids(RecentBatches.page(all, null, 10, null))).containsExactly("new", "mid", "old");
    }

    @Test
    void pagesWithACursorNeverSkipOrRepeatEvenWithEqualStartTimes() {
        List<BatchSummary> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(running("b" + i, i / 2, i));
        }
        List<String> seen = new ArrayList<>();
        BatchCursor cursor = null;
        int pages = 0;
        do {
            RecentBatches.Page page = RecentBatches.page(all, null, 3, cursor);
            seen.addAll(ids(page));
            cursor = page.nextCursor() == null ? null : BatchCursor.decode(page.nextCursor());
            pages++;
        } while (cursor != null);

        // Start seconds 3,2,2,1,1,0,0 → newest first, ties by id.
        assertThat(seen).containsExactly("b6", "b4", "b5", "b2", "b3", "b0", "b1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void lastPageHasNoCursor() {
        RecentBatches.Page page = RecentBatches.page(List.of(running("a", 0, 0), running("b", 1, 1)), null, 2, null);

        assertThat(page.nextCursor()).isNull();
        assertThat(ids(page)).containsExactly("b", "a");
    }

    @Test
    void filtersByState() {
        BatchSummary running = running("running", 3, 3);
        BatchSummary clean = done("clean", 2, 0);
        BatchSummary withFailures = done("with-failures", 1, 1);
        List<BatchSummary> all = List.of(running, clean, withFailures);

        assertThat(ids(RecentBatches.page(all, BatchState.RUNNING, 10, null))).containsExactly("running");
        assertThat(ids(RecentBatches.page(all, BatchState.DONE, 10, null))).containsExactly("clean", "with-failures");
        assertThat(ids(RecentBatches.page(all, BatchState.FAILED, 10, null))).containsExactly("with-failures");
    }

    @Test
    void aCursorThatWasNotHandedOutIsRejectedWithWords() {
        assertThatThrownBy(() -> BatchCursor.decode("not a cursor")).hasMessageContaining("nextCursor");
        assertThatThrownBy(() -> BatchCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("12/a/b".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
        BatchCursor cursor = new BatchCursor(T0, "batch-1");
        assertThat(BatchCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void stateNamesAreTheWireNames() {
        assertThat(BatchState.fromWireName("failed")).isEqualTo(BatchState.FAILED);
        assertThatThrownBy(() -> BatchState.fromWireName("FAILED")).hasMessageContaining("[running, done, failed]");
    }

    private static BatchSummary running(String id, long startSecond, long updateSecond) {
        return new BatchSummary(id, 2, Map.of(ItemStatus.PENDING, 1, ItemStatus.COMPLETE, 1), 0,
                T0.plusSeconds(updateSecond), T0.plusSeconds(startSecond), null, 2);
    }

    private static BatchSummary done(String id, long startSecond, int failedPermanent) {
        return new BatchSummary(id, 2, Map.of(ItemStatus.COMPLETE, 2 - failedPermanent, ItemStatus.FAILED_PERMANENT,
                failedPermanent), 0, T0.plusSeconds(startSecond + 5), T0.plusSeconds(startSecond),
                T0.plusSeconds(startSecond + 5), 2);
    }

    private static List<String> ids(RecentBatches.Page page) {
        return page.batches().stream().map(BatchSummary::batchId).toList();
    }
}
