package io.genfleet.aggregator.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import java.time.Instant;

/**
 * One item of {@code GET /api/batches/{batchId}/dead-letters}: an item that is {@code failed_permanent} now,
 * with where its dead-letter record lies ({@code deadLetter} is null when the failure carried no reference,
 * e.g. an event written before references existed). The producer's retry-failed reads it from there.
 *
 * @param kind     the lane: {@code image} or {@code video}
 * @param attempt  the attempt that failed last in {@code epoch}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeadLetteredItemResponse(String itemKey, String kind, int epoch, int attempt, ItemError lastError,
                                       DeadLetterRef deadLetter, Instant updatedAt) {

    public static DeadLetteredItemResponse of(ItemState item) {
        return new DeadLetteredItemResponse(item.itemKey(), item.lane().wireName(), item.epoch(), item.attempt(),
                item.lastError(), item.deadLetter(), item.updatedAt());
    }
}
