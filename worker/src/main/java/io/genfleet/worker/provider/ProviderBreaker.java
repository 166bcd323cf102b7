package io.genfleet.worker.provider;

import io.genfleet.common.request.GenerationRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one lane's provider (resilience4j), used at two places: the lane's consumer loops ask
 * {@link #tryStart()} before they start a record, so while it is open the lane takes no new work (its records
 * wait in Kafka, their attempts unspent) and half-open only the probes start; and the provider's calls are
 * reported to it through {@link #guard}. It moves from open to half-open by itself after {@code open-for}.
 */
public final class ProviderBreaker {

    private static final Logger log = LoggerFactory.getLogger(ProviderBreaker.class);

    private final CircuitBreaker breaker;

    public ProviderBreaker(String lane, BreakerSettings settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.window())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                // A probe whose record never reached the provider (unreadable) must not hold it half-open for ever.
                .maxWaitDurationInHalfOpenState(settings.openFor())
                // The provider's health: what a retry might fix. A bad request is the request's fault.
                .recordException(FailureClassifier::isRetryable)
                .build();
        this.breaker = CircuitBreaker.of("provider-" + lane, config);
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Provider circuit breaker of lane {}: {}", lane, event.getStateTransition()));
    }

    /**
     * Whether a record may start now; true takes one of the half-open probes. A record that was let through must
     * reach the provider through {@link #guard} (which reports its outcome) or be given back with {@link #release()}.
     */
    public boolean tryStart() {
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permission {@link #tryStart()} took for a record that did not start after all. */
    public void release() {
        breaker.releasePermission();
    }

    /** 0 closed, 1 half-open, 2 open (forced and disabled states count as open and closed). */
    public int stateCode() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** The provider, its outcomes reported to this breaker (the permission was taken by {@link #tryStart()}). */
    public AsyncGenerationProvider guard(AsyncGenerationProvider provider) {
        return new Guarded(provider);
    }

    private final class Guarded implements AsyncGenerationProvider, AutoCloseable {

        private final AsyncGenerationProvider delegate;

        Guarded(AsyncGenerationProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
            long started = System.nanoTime();
            try {
                GenerationResult result = delegate.generate(request, attempt, idempotencyKey);
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            } catch (RuntimeException e) {
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        }

        @Override
        public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                                 String idempotencyKey) {
            long started = System.nanoTime();
            CompletableFuture<GenerationResult> call;
            try {
                call = delegate.generateAsync(request, attempt, idempotencyKey);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<GenerationResult> outcome = new CompletableFuture<>();
            CompletableFuture<GenerationResult> provider = call;
            provider.whenComplete((result, error) -> {
                long took = System.nanoTime() - started;
                if (error == null) {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    outcome.complete(result);
                } else {
                    breaker.onError(took, TimeUnit.NANOSECONDS,
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                    outcome.completeExceptionally(error);
                }
            });
            // The caller's time limit cuts the returned future: pass the cut on, so the provider stops (an http-job
            // stops polling) and the breaker counts the timeout.
            outcome.whenComplete((result, error) -> {
                if (error != null) {
                    provider.completeExceptionally(error);
                }
            });
            return outcome;
        }

        @Override
        public void close() throws Exception {
            if (delegate instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
