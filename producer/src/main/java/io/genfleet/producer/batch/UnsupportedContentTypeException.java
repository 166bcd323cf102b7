package io.genfleet.producer.batch;

/** The body is not declared as JSON: 415. */
public class UnsupportedContentTypeException extends InvalidBatchRequestException {

    public UnsupportedContentTypeException(String contentType) {
        super("Content-Type", "must be application/json, was " + (contentType == null ? "absent" : "'" + contentType + "'"));
    }
}
