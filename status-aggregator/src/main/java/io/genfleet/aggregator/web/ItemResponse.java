package io.genfleet.aggregator.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.List;

/**
 * One item of {@code GET /api/batches/{batchId}/items}, and the {@code item} event of the stream.
 * {@code lastError} and {@code resultUri} are written as null when absent (the contract lists them always).
 *
 * @param kind        the lane: {@code image} or {@code video}
 * @param contentType the stored result's media type, when complete and known (absent for the simulated provider)
 * @param sizeBytes   the stored result's size in bytes, under the same conditions
 * @param waitingFor what a pending item still waits for (a scene's video: the scene's images not yet complete);
 *                   absent when it waits for nothing
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemResponse(String itemKey, String kind, ItemStatus status, int epoch, int attempt,
                           ItemError lastError, String resultUri,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String contentType,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeBytes, Instant updatedAt,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> waitingFor) {

    public static ItemResponse of(ItemState item) {
        return new ItemResponse(item.itemKey(), item.lane().wireName(), item.status(), item.epoch(), item.attempt(),
                item.lastError(), item.resultUri(), item.contentType(), item.sizeBytes(), item.updatedAt(),
                item.waitingFor());
    }
}
