package io.genfleet.aggregator.web;

import io.genfleet.aggregator.fleet.FleetUnavailableException;
import io.genfleet.aggregator.query.StatusUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem answers for the aggregator's controllers only. */
@RestControllerAdvice(basePackageClasses = BatchStatusController.class)
class AggregatorProblemHandler {

    /** Seconds a client should wait while Streams starts, restores or rebalances. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid " + e.parameter());
        problem.setProperty("parameter", e.parameter());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(StatusUnavailableException e) {
        return unavailable(e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fleetUnavailable(FleetUnavailableException e) {
        return unavailable(e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> unavailable(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                message + "; retry shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
