package io.genfleet.worker.provider;

import io.genfleet.common.status.ErrorType;

/**
 * A failed generation attempt with its classification. The subtype says the intent and matches the
 * {@link ErrorType}: {@link RetryableGenerationException} gets the delay-topic backoff,
 * {@link PermanentGenerationException} goes straight to the dead-letter topic.
 */
public abstract sealed class GenerationException extends RuntimeException
        permits RetryableGenerationException, PermanentGenerationException {

    private final ErrorType errorType;

    GenerationException(ErrorType errorType, String message, Throwable cause) {
        super(message, cause);
        if (errorType == null) {
            throw new IllegalArgumentException("an error type is required");
        }
        this.errorType = errorType;
    }

    /** The exception whose subtype matches {@code type}'s retryability. */
    public static GenerationException of(ErrorType type, String message) {
        return of(type, message, null);
    }

    public static GenerationException of(ErrorType type, String message, Throwable cause) {
        return type.isRetryable()
                ? new RetryableGenerationException(type, message, cause)
                : new PermanentGenerationException(type, message, cause);
    }

    public ErrorType errorType() {
        return errorType;
    }
}
