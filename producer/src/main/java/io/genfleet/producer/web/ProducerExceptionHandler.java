package io.genfleet.producer.web;

import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerMetrics.Rejection;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.BatchController;
import io.genfleet.producer.batch.BatchExistsException;
import io.genfleet.producer.batch.BatchNotWrittenException;
import io.genfleet.producer.batch.RequestTooLargeException;
import io.genfleet.producer.batch.UnsupportedContentTypeException;
import io.genfleet.producer.deadletter.DeadLetterListController;
import io.genfleet.producer.deadletter.DeadLettersUnreadableException;
import io.genfleet.producer.retryfailed.RetryFailedController;
import io.genfleet.producer.retryfailed.RetryUnavailableException;
import io.genfleet.producer.retryfailed.UnknownBatchException;
import io.genfleet.producer.status.DirectoryUnavailableException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the producer's endpoints into {@code application/problem+json}; scoped to the
 * producer's controllers so standalone's other modules keep their own answers. Spring MVC's own
 * exceptions (405, 406, ...) get problem answers from {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice(name = "producerExceptionHandler",
        basePackageClasses = {BatchController.class, RetryFailedController.class, DeadLetterListController.class})
public class ProducerExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProducerExceptionHandler.class);

    private final String retryAfterSeconds;
    private final ProducerMetrics metrics;

    public ProducerExceptionHandler(ProducerSettings settings, ProducerMetrics metrics) {
        this.retryAfterSeconds = String.valueOf(Math.max(1, settings.retryAfter().toSeconds()));
        this.metrics = metrics;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        if (e instanceof RequestTooLargeException) {
            metrics.rejected(Rejection.TOO_LARGE);
            return answer(ProducerProblems.fields(HttpStatus.CONTENT_TOO_LARGE, ProducerProblems.REQUEST_TOO_LARGE,
                    "Request too large", e.errors()));
        }
        metrics.rejected(Rejection.INVALID);
        if (e instanceof UnsupportedContentTypeException) {
            return answer(ProducerProblems.fields(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ProducerProblems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.errors()));
        }
        return answer(ProducerProblems.fields(HttpStatus.BAD_REQUEST, ProducerProblems.INVALID_REQUEST,
                e.title(), e.errors()));
    }

    @ExceptionHandler(UnknownBatchException.class)
    ResponseEntity<ProblemDetail> unknownBatch(UnknownBatchException e) {
        metrics.rejected(Rejection.INVALID);
        ProblemDetail problem = ProducerProblems.of(HttpStatus.NOT_FOUND, ProducerProblems.UNKNOWN_BATCH,
                "Unknown batch", e.getMessage());
        problem.setProperty("batchId", e.batchId());
        return answer(problem);
    }

    @ExceptionHandler(RetryUnavailableException.class)
    ResponseEntity<ProblemDetail> retryUnavailable(RetryUnavailableException e) {
        metrics.rejected(Rejection.UNAVAILABLE);
        return retryLater(e.kafka() ? kafkaUnavailable(e.getMessage())
                : ProducerProblems.of(HttpStatus.SERVICE_UNAVAILABLE, ProducerProblems.STATUS_UNAVAILABLE,
                        "Status service unavailable", e.getMessage()));
    }

    @ExceptionHandler(DeadLettersUnreadableException.class)
    ResponseEntity<ProblemDetail> deadLettersUnreadable(DeadLettersUnreadableException e) {
        metrics.rejected(Rejection.UNAVAILABLE);
        return retryLater(kafkaUnavailable(e.getMessage()));
    }

    @ExceptionHandler(BatchExistsException.class)
    ResponseEntity<ProblemDetail> exists(BatchExistsException e) {
        metrics.rejected(Rejection.CONFLICT);
        ProblemDetail problem = ProducerProblems.fields(HttpStatus.CONFLICT, ProducerProblems.BATCH_EXISTS,
                "Batch already exists", List.of(new FieldError("batchId", e.getMessage())));
        problem.setProperty("batchId", e.batchId());
        return answer(problem);
    }

    @ExceptionHandler(DirectoryUnavailableException.class)
    ResponseEntity<ProblemDetail> directoryUnavailable(DirectoryUnavailableException e) {
        metrics.rejected(Rejection.UNAVAILABLE);
        return retryLater(ProducerProblems.of(HttpStatus.SERVICE_UNAVAILABLE, ProducerProblems.STATUS_UNAVAILABLE,
                "Status service unavailable", "cannot tell whether the batch id is already taken ("
                        + e.getMessage() + "); nothing was written"));
    }

    @ExceptionHandler(BatchNotWrittenException.class)
    ResponseEntity<ProblemDetail> notWritten(BatchNotWrittenException e) {
        metrics.rejected(e.retryable() ? Rejection.UNAVAILABLE : Rejection.ERROR);
        // If a commit timed out it may still have completed: a retry with the same batchId then answers 409.
        String detail = e.getMessage() + ". Retry with the same batchId; 409 then means an earlier attempt "
                + "was committed after all";
        if (e.retryable()) {
            ProblemDetail problem = kafkaUnavailable(detail);
            problem.setProperty("batchId", e.batchId());
            return retryLater(problem);
        }
        ProblemDetail problem = ProducerProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProducerProblems.NOT_WRITTEN,
                "Batch not written", e.getMessage() + "; nothing was committed");
        problem.setProperty("batchId", e.batchId());
        return answer(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse response) {
            // Spring's own exceptions that the base class does not list carry their problem already.
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .body(response.getBody());
        }
        log.error("Unexpected failure of a producer request", e);
        metrics.rejected(Rejection.ERROR);
        return answer(ProducerProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProducerProblems.INTERNAL,
                "Internal error", "the request failed unexpectedly; nothing was committed"));
    }

    /** One answer for every Kafka outage, whichever request met it: clients handle a single problem type. */
    private static ProblemDetail kafkaUnavailable(String detail) {
        return ProducerProblems.of(HttpStatus.SERVICE_UNAVAILABLE, ProducerProblems.KAFKA_UNAVAILABLE,
                "Kafka unavailable", detail);
    }

    private ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
