package io.genfleet.aggregator.listing;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where a page of the batch listing ended: the last batch's start time and id. Opaque to clients (base64url),
 * so the encoding may change; a position rather than an offset, so batches started meanwhile do not shift the
 * next page.
 */
public record BatchCursor(Instant startedAt, String batchId) {

    /** Newest first; equal start times by batch id, so the order is total and paging never skips or repeats. */
    public static final Comparator<BatchCursor> NEWEST_FIRST = Comparator.comparing(BatchCursor::startedAt)
            .reversed().thenComparing(BatchCursor::batchId);

    public static BatchCursor of(BatchSummary summary) {
        return new BatchCursor(startOf(summary), summary.batchId());
    }

    /** The batch's start; summaries stored before start times existed fall back to their last update. */
    public static Instant startOf(BatchSummary summary) {
        if (summary.startedAt() != null) {
            return summary.startedAt();
        }
        return summary.updatedAt() == null ? Instant.EPOCH : summary.updatedAt();
    }

    public String encode() {
        String plain = startedAt.toEpochMilli() + "/" + batchId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this listing handed out */
    public static BatchCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int slash = plain.indexOf('/');
            String batchId = plain.substring(slash + 1);
            if (slash < 1 || !ItemId.BATCH_ID.matcher(batchId).matches()) {
                throw new IllegalArgumentException("malformed");
            }
            return new BatchCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, slash))), batchId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor must be the nextCursor of an earlier answer", e);
        }
    }
}
