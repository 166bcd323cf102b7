package io.genfleet.aggregator.fleet;

/** Kafka did not answer the fleet view's questions in time; answered 503 with Retry-After. */
public class FleetUnavailableException extends RuntimeException {

    public FleetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
