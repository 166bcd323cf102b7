package io.genfleet.worker.provider;

import io.genfleet.common.status.ErrorType;

/** An attempt failed in a way a later attempt may not see (transient, timeout, rate limited): retry after the delay. */
public final class RetryableGenerationException extends GenerationException {

    public RetryableGenerationException(ErrorType errorType, String message) {
        this(errorType, message, null);
    }

    public RetryableGenerationException(ErrorType errorType, String message, Throwable cause) {
        super(errorType, message, cause);
        if (!errorType.isRetryable()) {
            throw new IllegalArgumentException(errorType + " is not retryable; use PermanentGenerationException");
        }
    }
}
