package io.genfleet.worker.retry;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.provider.FailureClassifier;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The attempt and delay arithmetic of a lane chain (lane topic, one delay topic per configured delay,
 * dead-letter topic). The attempt follows from the topic a record was read from; a failure is followed by
 * another attempt when it is retryable and the attempt was not the last one.
 */
@Component("workerRetryPolicy")
public class RetryPolicy {

    private final TopicCatalog catalog;

    public RetryPolicy(TopicCatalog catalog) {
        this.catalog = catalog;
    }

    /** 1 on the lane topic, n+1 on the n-th delay topic. */
    public int attemptOf(String topic) {
        return catalog.attemptOf(topic).orElseThrow(() ->
                new IllegalStateException("topic " + topic + " is neither a request topic nor a delay topic"));
    }

    /** Attempts per epoch: the first one plus one per delay. */
    public int maxAttempts() {
        return catalog.maxAttempts();
    }

    /** The delay before the next attempt, or empty when this failure ends the item's epoch (dead letter). */
    public Optional<Duration> retryDelay(int attempt, Throwable failure) {
        return FailureClassifier.isRetryable(failure) ? catalog.delayAfter(attempt) : Optional.empty();
    }

    /**
     * How long to wait before the next attempt: the tier's delay, or longer when the provider asked for it
     * ({@code Retry-After} carried on the failure), never shorter. The record still goes to the tier's delay
     * topic; only its due time moves (see TopicLoop for why that does not hold back the records behind it).
     */
    public Duration waitBeforeRetry(Duration tierDelay, Throwable failure) {
        return FailureClassifier.retryAfterOf(failure).filter(retryAfter -> retryAfter.compareTo(tierDelay) > 0)
                .orElse(tierDelay);
    }

    /** The delay that preceded {@code attempt}; empty for the first attempt. */
    public Optional<Duration> delayBefore(int attempt) {
        return catalog.delayAfter(attempt - 1);
    }
}
