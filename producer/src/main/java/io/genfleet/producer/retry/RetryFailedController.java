package io.genfleet.producer.retry;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
}
