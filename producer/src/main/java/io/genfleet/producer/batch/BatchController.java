package io.genfleet.producer.batch;

import io.genfleet.common.security.web.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/batches}: 202 with the item keys once the batch is committed; 400 naming the field,
 * 409 for a known id, 503 with {@code Retry-After} when Kafka or the status service cannot answer.
 * The body is read here rather than by a message converter so that its size is bounded and its JSON
 * parsed strictly (see {@link BatchRequestReader}).
 */
@RestController("producerBatchController")
public class BatchController {

    private final BatchRequestReader reader;
    private final BatchSubmission submission;

    public BatchController(BatchRequestReader reader, BatchSubmission submission) {
        this.reader = reader;
        this.submission = submission;
    }

    @PostMapping("/api/batches")
    public ResponseEntity<BatchAccepted> submit(HttpServletRequest http) throws IOException {
        SubmitBatchRequest request = reader.read(http.getHeader(HttpHeaders.CONTENT_TYPE), http.getContentLengthLong(),
                http.getInputStream());
        // For the audit line: the id the caller chose, or (below) the one generated.
        http.setAttribute(AuditLog.BATCH_ATTRIBUTE, request.batchId());
        BatchAccepted accepted = submission.submit(request);
        http.setAttribute(AuditLog.BATCH_ATTRIBUTE, accepted.batchId());
        // The batch's status lives at the same path on the aggregator (and on standalone's one port).
        return ResponseEntity.accepted()
                .location(URI.create("/api/batches/" + accepted.batchId()))
                .body(accepted);
    }
}
