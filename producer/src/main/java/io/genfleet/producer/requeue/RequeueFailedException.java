package io.genfleet.producer.requeue;

/**
 * Kafka did not take a claim, release or requeue transaction.
 * {@link #mayHaveCommitted()} is true when the commit itself failed: the broker may still have committed it.
 */
public class RequeueFailedException extends RuntimeException {

    private final boolean mayHaveCommitted;

    public RequeueFailedException(boolean mayHaveCommitted, String message, Throwable cause) {
        super(message, cause);
        this.mayHaveCommitted = mayHaveCommitted;
    }

    public boolean mayHaveCommitted() {
        return mayHaveCommitted;
    }
}
