package io.genfleet.producer.batch;

/**
 * Kafka did not commit the batch. {@link #retryable()} failures (timeouts, an unreachable or busy
 * cluster) answer 503 with {@code Retry-After}; the others (authorization, a record the topic refuses)
 * answer 500, since repeating the request would fail the same way.
 */
public class BatchNotWrittenException extends RuntimeException {

    private final String batchId;
    private final boolean retryable;

    public BatchNotWrittenException(String batchId, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.batchId = batchId;
        this.retryable = retryable;
    }

    public String batchId() {
        return batchId;
    }

    public boolean retryable() {
        return retryable;
    }
}
