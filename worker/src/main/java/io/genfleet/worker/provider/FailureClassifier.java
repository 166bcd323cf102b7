package io.genfleet.worker.provider;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        if (find(failure, TimeoutException.class) != null || find(failure, HttpTimeoutException.class) != null) {
            return new RetryableGenerationException(ErrorType.TIMEOUT, "provider call timed out: " + describe(failure), failure);
        }
        if (find(failure, IOException.class) != null) {
            // Connection refused or reset, a closed stream: the network or the provider, not the request.
            return new RetryableGenerationException(ErrorType.TRANSIENT, "provider unreachable: " + describe(failure), failure);
        }
        // A bug or an unexpected client error: worth another attempt, and visible in the dead letter if it persists.
        return new RetryableGenerationException(ErrorType.TRANSIENT, "provider call failed: " + describe(failure), failure);
    }

    /**
     * Whether a provider failure is one providers are expected to produce (classified, a timeout, a network
     * error) rather than a bug worth a stack trace in the log.
     */
    public static boolean isExpected(Throwable failure) {
        return find(failure, GenerationException.class) != null || find(failure, TimeoutException.class) != null
                || find(failure, IOException.class) != null;
    }

    /**
     * The classification of an HTTP answer of a model API: 408 and 429 are worth a retry, and so are 409
     * (a conflicting request still running, e.g. the same idempotency key in flight) and 425 (too early);
     * other 4xx (400, 401, 403, 404, 422, ...) never succeed; 5xx and anything else may succeed later.
     */
    public static ErrorType ofHttpStatus(int status) {
        return switch (status) {
            case 408 -> ErrorType.TIMEOUT;
            case 429 -> ErrorType.RATE_LIMITED;
            case 409, 425 -> ErrorType.TRANSIENT;
            default -> status >= 400 && status < 500 ? ErrorType.PERMANENT : ErrorType.TRANSIENT;
        };
    }

    /**
     * The failure of a provider's HTTP answer that is not a success: classified by {@link #ofHttpStatus}, except
     * that a refusal of the content (OpenAI's {@code content_policy_violation}, {@code moderation_blocked}, or a
     * message saying so) is {@code content_policy}. The provider's message is kept (it ends up in
     * {@code lastError}); a {@code Retry-After} is carried to the retry scheduling.
     *
     * @param providerMessage the provider's own words (error code and message), may be blank
     * @param retryAfter      the answer's {@code Retry-After}, or null
     */
    public static GenerationException ofHttpAnswer(int status, String providerMessage, Duration retryAfter) {
        String message = "HTTP " + status + (providerMessage == null || providerMessage.isBlank() ? ""
                : ": " + providerMessage);
        ErrorType type = ofHttpStatus(status);
        if (!type.isRetryable() && refusesContent(providerMessage)) {
            type = ErrorType.CONTENT_POLICY;
        }
        return type.isRetryable() ? new RetryableGenerationException(type, message, null, retryAfter)
                : new PermanentGenerationException(type, message);
    }

    /**
     * Whether a provider's message says the content was refused (moderation, safety filter). Providers spell it
     * differently; these are the spellings of OpenAI and of the common video APIs' job errors.
     */
    public static boolean refusesContent(String providerMessage) {
        if (providerMessage == null) {
            return false;
        }
        String text = providerMessage.toLowerCase(Locale.ROOT);
        return CONTENT_REFUSALS.stream().anyMatch(text::contains);
    }

    private static final List<String> CONTENT_REFUSALS = List.of("content_policy", "content policy",
            "moderation", "safety system", "nsfw");

    /** The wait a provider asked for, from the failure or any failure it wraps; empty when none. */
    public static Optional<Duration> retryAfterOf(Throwable failure) {
        GenerationException generation = find(failure, GenerationException.class);
        return generation == null ? Optional.empty() : generation.retryAfter();
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
