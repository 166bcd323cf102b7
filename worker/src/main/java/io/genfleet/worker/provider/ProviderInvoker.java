package io.genfleet.worker.provider;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Duration timeout;
    private final ExecutorService calls;

    public ProviderInvoker(GenerationProvider provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        // One thread per in-flight call (at most one per listener thread, plus calls still unwinding
        // after a timeout); idle threads go away after a minute.
        this.calls = Executors.newCachedThreadPool(new NamedDaemonThreads("worker-provider-"));
    }

    /** Generates, or throws a {@link GenerationException}. */
    public GenerationResult generate(GenerationRequest request, int attempt) {
        String idempotencyKey = request.idempotencyKey();
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
            if (!(e.getCause() instanceof GenerationException)) {
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
