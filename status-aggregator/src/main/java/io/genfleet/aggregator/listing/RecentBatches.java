package io.genfleet.aggregator.listing;

import io.genfleet.common.status.BatchSummary;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** One page of the batch listing, from every summary the stores hold: a pure function, tested on its own. */
public final class RecentBatches {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    private static final Comparator<BatchSummary> ORDER = Comparator.comparing(BatchCursor::of, BatchCursor.NEWEST_FIRST);

    /**
     * @param state null for every batch
     * @param after null for the first page
     * @return the page, with the cursor of its last batch when more batches follow (else null)
     */
    public static Page page(Collection<BatchSummary> summaries, BatchState state, int limit, BatchCursor after) {
        List<BatchSummary> matching = summaries.stream()
                // A summary that has seen no item and no announcement is not a batch anyone submitted.
                .filter(summary -> summary.itemCount() > 0)
                .filter(summary -> state == null || state.matches(summary))
                .filter(summary -> after == null || BatchCursor.NEWEST_FIRST.compare(BatchCursor.of(summary), after) > 0)
                .sorted(ORDER)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new Page(matching, null);
        }
        List<BatchSummary> page = matching.subList(0, limit);
        return new Page(page, BatchCursor.of(page.get(limit - 1)).encode());
    }

    /** @param nextCursor null on the last page */
    public record Page(List<BatchSummary> batches, String nextCursor) {
    }

    private RecentBatches() {
    }
}
