package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One line of an item's history, as served by {@code GET /api/batches/{id}/items/{itemKey}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(ItemStatus status, int epoch, int attempt, Instant at, ItemError error,
                           Instant nextRetryAt) {

    public static HistoryEntry of(StatusEvent event) {
        return new HistoryEntry(event.status(), event.epoch(), event.attempt(), event.at(), event.error(),
                event.nextRetryAt());
    }

    public StatusOrder order() {
        return new StatusOrder(epoch, attempt, status.phase());
    }
}
