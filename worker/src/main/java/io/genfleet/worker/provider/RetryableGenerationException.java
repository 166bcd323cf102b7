package io.genfleet.worker.provider;

import io.genfleet.common.status.ErrorType;
import java.time.Duration;

/** An attempt failed in a way a later attempt may not see (transient, timeout, rate limited): retry after the delay. */
public final class RetryableGenerationException extends GenerationException {

    public RetryableGenerationException(ErrorType errorType, String message) {
        this(errorType, message, null);
    }

    public RetryableGenerationException(ErrorType errorType, String message, Throwable cause) {
        this(errorType, message, cause, null);
    }

    /** @param retryAfter the provider's {@code Retry-After}, or null: the next attempt is never due earlier */
    public RetryableGenerationException(ErrorType errorType, String message, Throwable cause, Duration retryAfter) {
        super(errorType, message, cause, retryAfter);
        if (!errorType.isRetryable()) {
            throw new IllegalArgumentException(errorType + " is not retryable; use PermanentGenerationException");
        }
    }
}
