package io.genfleet.common.topic;

/**
 * The names of genfleet's own headers on dead letters and records forwarded to a delay topic: written by the
 * worker, read by retry-failed and dead-letter replay. One definition, so writer and readers cannot drift apart.
 */
public final class DeadLetterHeaderNames {

    /** The attempts made in the record's epoch when it was forwarded, a decimal string. */
    public static final String ATTEMPTS = "genfleet-attempts";
    /** The wire name of the last failure's error type. */
    public static final String ERROR_TYPE = "genfleet-error-type";

    private DeadLetterHeaderNames() {
    }
}
