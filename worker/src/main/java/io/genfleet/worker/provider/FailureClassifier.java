package io.genfleet.worker.provider;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides what a failure means. Everything that ends an attempt is mapped to an
 * {@link ErrorType}, looking through wrappers (spring-kafka hands the error handler a
 * {@code ListenerExecutionFailedException} around the listener's exception): unreadable records and
 * {@link PermanentGenerationException}s are not retryable, everything else is.
 */
public final class FailureClassifier {

    /**
     * The exception types that skip the retries; spring-kafka's retry topics are configured with exactly
     * these (traversing causes), so its routing and {@link #isRetryable(Throwable)} agree.
     */
    public static final List<Class<? extends Throwable>> NOT_RETRYABLE =
            List.of(PermanentGenerationException.class, InvalidMessageException.class);

    private static final int MAX_CAUSE_DEPTH = 32;

    private FailureClassifier() {
    }

    /** The classification of any failure that ended an attempt; unknown failures are {@code transient}. */
    public static ErrorType errorTypeOf(Throwable failure) {
        GenerationException generation = find(failure, GenerationException.class);
        if (generation != null) {
            return generation.errorType();
        }
        if (find(failure, InvalidMessageException.class) != null) {
            return ErrorType.INVALID_MESSAGE;
        }
        return ErrorType.TRANSIENT;
    }

    public static boolean isRetryable(Throwable failure) {
        return errorTypeOf(failure).isRetryable();
    }

    /** The failure of a provider call as a {@link GenerationException}: classified ones as they are, others wrapped. */
    public static GenerationException ofProviderFailure(Throwable failure) {
        GenerationException generation = find(failure, GenerationException.class);
        if (generation != null) {
            return generation;
        }
        if (find(failure, TimeoutException.class) != null) {
            return new RetryableGenerationException(ErrorType.TIMEOUT, "provider call timed out: " + describe(failure), failure);
        }
        // A bug or an unexpected client error: worth another attempt, and visible in the dead letter if it persists.
        return new RetryableGenerationException(ErrorType.TRANSIENT, "provider call failed: " + describe(failure), failure);
    }

    /**
     * The classification of an HTTP answer of a model API: 408 and 429 are worth a retry, other 4xx
     * never succeed, 5xx and anything else may succeed later.
     */
    public static ErrorType ofHttpStatus(int status) {
        if (status == 408) {
            return ErrorType.TIMEOUT;
        }
        if (status == 429) {
            return ErrorType.RATE_LIMITED;
        }
        if (status >= 400 && status < 500) {
            return ErrorType.PERMANENT;
        }
        return ErrorType.TRANSIENT;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return null;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
