package io.genfleet.aggregator.web;

import io.genfleet.aggregator.listing.BatchCursor;
import io.genfleet.aggregator.listing.BatchState;
import io.genfleet.aggregator.listing.RecentBatches;
import io.genfleet.aggregator.query.LocalStatusQueryService;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/batches?limit=&cursor=&state=running|done|failed}: recent batches, newest first (by the time of
 * their first status event, {@code createdAt}), each with the summary fields. {@code nextCursor} is null on the
 * last page. Reads this instance's batch store: complete for a single aggregator (standalone, the chart's default);
 * with several instances each lists the batches of the partitions it owns (see README).
 */
@RestController("aggregatorBatchListController")
class BatchListController {

    record BatchListResponse(List<Entry> batches, String nextCursor) {
    }

    /** The summary of {@code GET /api/batches/{id}} plus when the batch started. */
    record Entry(String batchId, int total, BatchSummaryResponse.Counts counts, int retries, double progress,
                 boolean done, Instant updatedAt, Instant createdAt) {
    }

    private final LocalStatusQueryService query;

    BatchListController(LocalStatusQueryService query) {
        this.query = query;
    }

    @GetMapping("/api/batches")
    BatchListResponse list(@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) String state) {
        int size = limit(limit);
        BatchState filter = state(state);
        BatchCursor after = cursor(cursor);
        RecentBatches.Page page = RecentBatches.page(query.summaries(), filter, size, after);
        List<Entry> entries = page.batches().stream().map(summary -> {
            BatchSummaryResponse response = BatchSummaryResponse.of(summary);
            return new Entry(response.batchId(), response.total(), response.counts(), response.retries(),
                    response.progress(), response.done(), response.updatedAt(), BatchCursor.startOf(summary));
        }).toList();
        return new BatchListResponse(entries, page.nextCursor());
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return RecentBatches.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= RecentBatches.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the same words as an out-of-range number
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + RecentBatches.MAX_LIMIT);
    }

    private static BatchState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return BatchState.fromWireName(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("state", e.getMessage());
        }
    }

    private static BatchCursor cursor(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return BatchCursor.decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("cursor", e.getMessage());
        }
    }
}
