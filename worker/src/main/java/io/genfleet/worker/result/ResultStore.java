package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.worker.provider.GenerationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps generated assets. A result is written to a temporary file first and kept in one step, so a crash
 * or a failed download never leaves a half-written asset under a result's name.
 *
 * <p>Keeping is asynchronous: a remote store (S3) uploads without holding the thread that asked, which may be the
 * HTTP client's or, for an answer already at hand, a lane's consumer loop.
 */
public interface ResultStore {

    /** A new empty file to write a result to, on the local file system (kept by a rename or an upload). */
    Path temporaryFile() throws IOException;

    /**
     * Keeps {@code written} as the result of one attempt of the request and completes with where it is. The
     * temporary file is gone afterwards, whether keeping it succeeded or not.
     *
     * @param contentType the media type the provider gave, or null (then it is guessed from the first bytes)
     */
    CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, Path written,
                                             String contentType);

    /** Keeps a result that arrived in memory (a base64 image). */
    CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, byte[] content,
                                             String contentType);
}
