package io.genfleet.worker.provider.http;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.worker.provider.AsyncGenerationProvider;
import io.genfleet.worker.provider.GenerationResult;
import java.util.concurrent.CompletionException;

/**
 * A provider that is asynchronous by nature (an HTTP API): the blocking {@link #generate} only waits for
 * {@link #generateAsync}, for callers that need a blocking call.
 */
public abstract class HttpProvider implements AsyncGenerationProvider {

    @Override
    public final GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
        try {
            return generateAsync(request, attempt, idempotencyKey).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
