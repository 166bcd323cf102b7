package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.limit.ConcurrencyGate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the {@link GenerationProvider} under the time limit ({@code genfleet.worker.provider.timeout}) and
 * turns every failure into a classified {@link GenerationException}. A call that has not answered in time
 * is interrupted and reported as a retryable {@code timeout}, so a hung provider can never hold a
 * consumer past {@code max.poll.interval.ms}.
 */
public final class ProviderInvoker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderInvoker.class);

    private final GenerationProvider provider;
    private final Function<Lane, Duration> timeouts;
    private final ExecutorService calls;
    private final Function<Lane, Optional<ConcurrencyGate>> gates;

    public ProviderInvoker(GenerationProvider provider, Duration timeout) {
        this(provider, lane -> timeout);
    }

    /** @param timeouts the time limit of an attempt per lane (an http-job video may run far longer than an image) */
    public ProviderInvoker(GenerationProvider provider, Function<Lane, Duration> timeouts) {
        this(provider, timeouts, lane -> Optional.empty());
    }

    /**
     * @param gates the concurrency cap of each lane's provider ({@code max-concurrency}): an asynchronous call
     *              over it waits for a slot before it starts, holding no thread, and its time limit starts with it
     */
    public ProviderInvoker(GenerationProvider provider, Function<Lane, Duration> timeouts,
                           Function<Lane, Optional<ConcurrencyGate>> gates) {
        this.gates = gates;
        this.provider = provider;
        this.timeouts = timeouts;
        // One thread per in-flight call (at most one per listener thread, plus calls still unwinding
        // after a timeout); idle threads go away after a minute.
        this.calls = Executors.newCachedThreadPool(new NamedDaemonThreads("worker-provider-"));
    }

    /** Generates, or throws a {@link GenerationException}. */
    public GenerationResult generate(GenerationRequest request, int attempt) {
        String idempotencyKey = request.idempotencyKey();
        Duration timeout = timeouts.apply(request.lane());
        Future<GenerationResult> call;
        try {
            call = calls.submit(() -> provider.generate(request, attempt, idempotencyKey));
        } catch (RejectedExecutionException e) {
            throw new RetryableGenerationException(ErrorType.TRANSIENT, "the worker is shutting down", e);
        }
        try {
            GenerationResult result = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                throw new RetryableGenerationException(ErrorType.TRANSIENT, "provider returned no result");
            }
            return result;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new RetryableGenerationException(ErrorType.TIMEOUT,
                    "provider did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            GenerationException failure = FailureClassifier.ofProviderFailure(e.getCause());
            if (!FailureClassifier.isExpected(e.getCause())) {
                log.warn("Unclassified provider failure for {} attempt {}, treated as {}", request.itemId(), attempt,
                        failure.errorType(), e.getCause());
            }
            throw failure;
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new RetryableGenerationException(ErrorType.TRANSIENT, "interrupted while waiting for the provider", e);
        }
    }

    /**
     * Generates without blocking the caller: an {@link AsyncGenerationProvider} is called directly, any other
     * provider's blocking {@code generate} runs on this invoker's pool (bounded by the caller's in-flight limit).
     * Completes with the result or with a {@link GenerationException} (possibly inside a
     * {@link CompletionException}); a call that has not answered within the time limit completes as a
     * retryable {@code timeout} and, when it runs on the pool, is interrupted.
     */
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt) {
        Optional<ConcurrencyGate> gate = gates.apply(request.lane());
        if (gate.isEmpty()) {
            return call(request, attempt);
        }
        // Waiting for a slot is neither a failure nor part of the attempt's time: the call has not started.
        return gate.get().acquire().thenCompose(slot -> {
            CompletableFuture<GenerationResult> call;
            try {
                call = call(request, attempt);
            } catch (RuntimeException e) {
                slot.close();
                throw e;
            }
            return call.whenComplete((result, error) -> slot.close());
        });
    }

    private CompletableFuture<GenerationResult> call(GenerationRequest request, int attempt) {
        String idempotencyKey = request.idempotencyKey();
        Duration timeout = timeouts.apply(request.lane());
        CompletableFuture<GenerationResult> call;
        Future<?> task = null;
        if (provider instanceof AsyncGenerationProvider async) {
            try {
                call = async.generateAsync(request, attempt, idempotencyKey);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            if (call == null) {
                call = CompletableFuture.completedFuture(null);
            }
        } else {
            CompletableFuture<GenerationResult> result = new CompletableFuture<>();
            try {
                task = calls.submit(() -> {
                    try {
                        result.complete(provider.generate(request, attempt, idempotencyKey));
                    } catch (Throwable failure) {
                        result.completeExceptionally(failure);
                    }
                });
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(
                        new RetryableGenerationException(ErrorType.TRANSIENT, "the worker is shutting down", e));
            }
            call = result;
        }
        Future<?> running = task;
        return call.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((result, error) -> {
            if (error == null) {
                if (result == null) {
                    throw new RetryableGenerationException(ErrorType.TRANSIENT, "provider returned no result");
                }
                return result;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                if (running != null) {
                    running.cancel(true);
                }
                throw new RetryableGenerationException(ErrorType.TIMEOUT,
                        "provider did not answer within " + timeout.toMillis() + " ms", cause);
            }
            GenerationException failure = FailureClassifier.ofProviderFailure(cause);
            if (!FailureClassifier.isExpected(cause)) {
                log.warn("Unclassified provider failure for {} attempt {}, treated as {}", request.itemId(), attempt,
                        failure.errorType(), cause);
            }
            throw failure;
        });
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
