package io.genfleet.worker.provider;

import io.genfleet.common.status.ErrorType;

/** An attempt failed in a way no retry can fix (bad request, content policy): straight to the dead-letter topic. */
public final class PermanentGenerationException extends GenerationException {

    public PermanentGenerationException(ErrorType errorType, String message) {
        this(errorType, message, null);
    }

    public PermanentGenerationException(ErrorType errorType, String message, Throwable cause) {
        super(errorType, message, cause);
        if (errorType.isRetryable()) {
            throw new IllegalArgumentException(errorType + " is retryable; use RetryableGenerationException");
        }
    }
}
