package io.genfleet.producer.batch;

/** The body is larger than {@code genfleet.producer.limits.max-request-size}: 413, nothing parsed. */
public class RequestTooLargeException extends InvalidBatchRequestException {

    public RequestTooLargeException(long limitBytes) {
        super("body", "must be at most " + limitBytes + " bytes");
    }
}
