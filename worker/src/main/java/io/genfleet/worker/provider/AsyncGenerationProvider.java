package io.genfleet.worker.provider;

import io.genfleet.common.request.GenerationRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link GenerationProvider} that can also generate without holding a thread while it waits (an
 * asynchronous HTTP client, a scheduler). The worker uses it to keep thousands of calls in flight; providers
 * without it run their blocking {@code generate} on a bounded pool instead.
 */
public interface AsyncGenerationProvider extends GenerationProvider {

    /**
     * The same contract as {@link #generate}, completing with the result or with the failure (preferably a
     * {@link GenerationException}). Must not block the calling thread.
     */
    CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt, String idempotencyKey);
}
