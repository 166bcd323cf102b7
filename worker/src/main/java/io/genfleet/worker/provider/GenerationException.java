package io.genfleet.worker.provider;

import io.genfleet.common.status.ErrorType;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed generation attempt with its classification. The subtype says the intent and matches the
 * {@link ErrorType}: {@link RetryableGenerationException} gets the delay-topic backoff,
 * {@link PermanentGenerationException} goes straight to the dead-letter topic.
 */
public abstract sealed class GenerationException extends RuntimeException
        permits RetryableGenerationException, PermanentGenerationException {

    private final ErrorType errorType;
    private final Duration retryAfter;

    GenerationException(ErrorType errorType, String message, Throwable cause) {
        this(errorType, message, cause, null);
    }

    GenerationException(ErrorType errorType, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        if (errorType == null) {
            throw new IllegalArgumentException("an error type is required");
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        this.errorType = errorType;
        this.retryAfter = retryAfter;
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

    /**
     * How long the provider asked us to wait before the next call (its {@code Retry-After}); the next attempt
     * is never due earlier. Empty when it did not say.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
