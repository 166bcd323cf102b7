package io.genfleet.worker.provider;

import io.genfleet.common.request.GenerationRequest;

/**
 * Generates one item. Implementations call the real model API; {@link SimulatedProvider} is the default.
 *
 * <p>Delivery is at least once: the same attempt may be generated again after a crash or rebalance, so
 * every call carries the item's idempotency key ({@code {batchId}/{itemKey}/{epoch}}) for the provider to
 * drop duplicates. Failures should be thrown as {@link RetryableGenerationException} or
 * {@link PermanentGenerationException}; anything else is classified by {@link FailureClassifier}.
 */
public interface GenerationProvider {

    /**
     * @param request        the request, as published by the producer
     * @param attempt        the attempt within the request's epoch, 1-based
     * @param idempotencyKey {@code {batchId}/{itemKey}/{epoch}}, the same for every attempt of the epoch
     * @return the generated asset
     */
    GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey);
}
