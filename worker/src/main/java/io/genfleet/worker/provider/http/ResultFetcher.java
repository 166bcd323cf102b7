package io.genfleet.worker.provider.http;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.result.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches a provider's output URL into the {@link ResultStore}: streamed to a temporary file (a video never
 * sits in memory), kept under the attempt's name only when complete, deleted when the download fails.
 */
public final class ResultFetcher {

    private final ProviderHttp http;
    private final ResultStore store;

    public ResultFetcher(ProviderHttp http, ResultStore store) {
        this.http = http;
        this.store = store;
    }

    public CompletableFuture<GenerationResult> fetch(GenerationRequest request, int attempt, String idempotencyKey,
                                                     URI url) {
        Path target;
        try {
            target = store.temporaryFile();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot create a result file", e));
        }
        return http.download(url, idempotencyKey, target).handle((contentType, error) -> {
            if (error != null) {
                deleteQuietly(target);
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                // A classified answer as it is; a network failure or timeout for the classifier to read.
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            return store.keep(request, attempt, target, contentType.orElse(null));
        }).thenCompose(kept -> kept);
    }

    /** Keeps a result that arrived in the answer itself (base64). */
    public CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, byte[] content) {
        return store.keep(request, attempt, content, null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A left-over temporary file is only disk space; the failure that matters is the download's.
        }
    }
}
