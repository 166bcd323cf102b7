package io.genfleet.producer.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The producer's RFC 9457 problem types, in one place. */
final class ProducerProblems {

    static final URI INVALID_REQUEST = URI.create("urn:genfleet:problem:invalid-request");
    static final URI REQUEST_TOO_LARGE = URI.create("urn:genfleet:problem:request-too-large");
    static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:genfleet:problem:unsupported-media-type");
    static final URI BATCH_EXISTS = URI.create("urn:genfleet:problem:batch-exists");
    static final URI STATUS_UNAVAILABLE = URI.create("urn:genfleet:problem:status-service-unavailable");
    static final URI KAFKA_UNAVAILABLE = URI.create("urn:genfleet:problem:kafka-unavailable");
    static final URI NOT_WRITTEN = URI.create("urn:genfleet:problem:batch-not-written");
    static final URI INTERNAL = URI.create("urn:genfleet:problem:internal-error");
    static final URI UNKNOWN_BATCH = URI.create("urn:genfleet:problem:unknown-batch");

    /** Errors named in {@code detail}; all of them are in {@code errors}. */
    private static final int DETAIL_ERRORS = 3;

    private ProducerProblems() {
    }

    static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A problem listing field errors: {@code errors: [{field, message}]} and a readable summary in {@code detail}. */
    static ProblemDetail fields(HttpStatus status, URI type, String title, List<FieldError> errors) {
        String summary = errors.stream().limit(DETAIL_ERRORS).map(FieldError::toString).collect(Collectors.joining("; "));
        String detail = errors.size() <= DETAIL_ERRORS ? summary
                : summary + "; and " + (errors.size() - DETAIL_ERRORS) + " more";
        ProblemDetail problem = of(status, type, title, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
