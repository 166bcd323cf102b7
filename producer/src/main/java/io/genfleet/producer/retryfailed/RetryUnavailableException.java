package io.genfleet.producer.retryfailed;

/**
 * The retry could not be done now: the status service or Kafka did not answer (503 with Retry-After).
 * {@link #kafka()} tells which.
 */
public class RetryUnavailableException extends RuntimeException {

    private final boolean kafka;

    public RetryUnavailableException(boolean kafka, String message, Throwable cause) {
        super(message, cause);
        this.kafka = kafka;
    }

    public boolean kafka() {
        return kafka;
    }
}
