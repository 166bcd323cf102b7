package io.genfleet.aggregator.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.status.HistoryEntry;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/batches/{batchId}/items/{itemKey}}: the item and its history, oldest first; {@code contentType}
 * and {@code sizeBytes} as in {@link ItemResponse}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemDetailResponse(String itemKey, String kind, ItemStatus status, int epoch, int attempt,
                                 ItemError lastError, String resultUri,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String contentType,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeBytes, Instant updatedAt,
                                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> waitingFor,
                                 List<History> history) {

    /** One step; {@code error} and {@code nextRetryAt} only where the step had them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(ItemStatus status, int epoch, int attempt, Instant at, ItemError error,
                          Instant nextRetryAt) {

        static History of(HistoryEntry entry) {
            return new History(entry.status(), entry.epoch(), entry.attempt(), entry.at(), entry.error(),
                    entry.nextRetryAt());
        }
    }

    public static ItemDetailResponse of(ItemState item) {
        ItemResponse head = ItemResponse.of(item);
        return new ItemDetailResponse(head.itemKey(), head.kind(), head.status(), head.epoch(), head.attempt(),
                head.lastError(), head.resultUri(), head.contentType(), head.sizeBytes(), head.updatedAt(), head.waitingFor(),
                item.history().stream().map(History::of).toList());
    }
}
