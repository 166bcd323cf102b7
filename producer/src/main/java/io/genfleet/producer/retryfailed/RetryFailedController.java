package io.genfleet.producer.retryfailed;

import io.genfleet.common.item.ItemKey;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/batches/{batchId}/retry-failed}: 202 {@code {"requeued", "items", "skipped"}}; 400 naming the
 * field; 404 for an unknown batch; 503 with {@code Retry-After} when the aggregator or Kafka cannot answer.
 */
@RestController("producerRetryFailedController")
public class RetryFailedController {

    private final RetryFailedRequestReader reader;
    private final RetryFailed retryFailed;

    public RetryFailedController(RetryFailedRequestReader reader, RetryFailed retryFailed) {
        this.reader = reader;
        this.retryFailed = retryFailed;
    }

    @PostMapping("/api/batches/{batchId}/retry-failed")
    public ResponseEntity<RetryFailedResult> retryFailed(@PathVariable String batchId, HttpServletRequest http)
            throws IOException {
        RetryFailedRequest request = reader.read(http.getHeader(HttpHeaders.CONTENT_TYPE), http.getContentLengthLong(),
                http.getInputStream());
        return ResponseEntity.accepted().body(retryFailed.retry(batchId, request));
    }

    /**
     * {@code POST /api/batches/{batchId}/items/{itemKey}/retry}: retry-failed narrowed to one item, so it is just
     * as idempotent (a second call right after requeues nothing and says why in {@code skipped}). An item that is
     * not {@code failed_permanent} is not an error either: 202 with {@code requeued: 0} and the reason.
     */
    @PostMapping("/api/batches/{batchId}/items/{itemKey}/retry")
    public ResponseEntity<RetryFailedResult> retryItem(@PathVariable String batchId, @PathVariable String itemKey) {
        try {
            ItemKey.parse(itemKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidRetryFailedRequestException("itemKey",
                    "must be scene_{i}, scene_{i}_shot_{j} or video_scene_{i} (0-based, no leading zeros)");
        }
        return ResponseEntity.accepted().body(retryFailed.retry(batchId, new RetryFailedRequest(null, List.of(itemKey))));
    }
}
