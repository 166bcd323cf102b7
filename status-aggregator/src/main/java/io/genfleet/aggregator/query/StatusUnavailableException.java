package io.genfleet.aggregator.query;

/** The stores cannot answer right now (Streams not RUNNING); the caller should retry shortly. */
public class StatusUnavailableException extends RuntimeException {

    public StatusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
