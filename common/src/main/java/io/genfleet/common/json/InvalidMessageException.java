package io.genfleet.common.json;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be read as a genfleet message: invalid JSON, an unknown schemaVersion,
 * wrong types or missing fields. Never retryable: the record goes to a dead-letter topic with
 * this message as its reason.
 */
public class InvalidMessageException extends SerializationException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
