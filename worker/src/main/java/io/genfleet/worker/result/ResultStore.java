package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.worker.provider.GenerationResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps generated assets. A result is written to a temporary file first and kept in one step, so a crash
 * or a failed download never leaves a half-written asset under a result's name.
 */
public interface ResultStore {

    /** A new empty file to write a result to, on the store's file system (keeping it is then a rename). */
    Path temporaryFile() throws IOException;

    /**
     * Keeps {@code written} as the result of one attempt of the request and returns where it is.
     *
     * @param contentType the media type the provider gave, or null (then it is guessed from the first bytes)
     */
    GenerationResult keep(GenerationRequest request, int attempt, Path written, String contentType) throws IOException;

    /** Writes and keeps a result that arrived in memory (a base64 image). */
    GenerationResult keep(GenerationRequest request, int attempt, byte[] content, String contentType) throws IOException;
}
