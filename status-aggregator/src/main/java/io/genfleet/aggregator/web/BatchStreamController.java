package io.genfleet.aggregator.web;

import io.genfleet.aggregator.query.StatusQueryService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/batches/{batchId}/stream}: Server-Sent Events. First the current items ({@code item}
 * events) and the summary ({@code summary} event), then only what changes; once the batch is done, an
 * {@code end} event and the server closes the stream. Unknown batch: 404 before the stream starts; aggregator
 * not ready: 503 with Retry-After.
 */
@RestController("aggregatorBatchStreamController")
class BatchStreamController {

    private final StatusQueryService query;
    private final BatchEventStreams streams;

    BatchStreamController(StatusQueryService query, BatchEventStreams streams) {
        this.query = query;
        this.streams = streams;
    }

    @GetMapping(path = "/api/batches/{batchId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String batchId) {
        String batch = PathParameters.batchId(batchId);
        if (query.summary(batch).isEmpty()) {
            throw BatchStatusController.unknownBatch(batch);
        }
        return streams.open(batch);
    }
}
