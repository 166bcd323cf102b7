package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.PermanentGenerationException;

/**
 * The name of a kept result, the same in every store: {@code {batchId}/{itemKey}/{epoch}-{attempt}.{ext}}. One name
 * per attempt, so an attempt repeated after a crash replaces its own result and never another attempt's.
 */
final class ResultNames {

    private ResultNames() {
    }

    /** The result's path relative to the store's root, with {@code /} between its parts. */
    static String of(GenerationRequest request, int attempt, String contentType) {
        // The contract lets a batchId be "." or ".." ([A-Za-z0-9._-]{1,64}): that must not lead out of the store
        // (a directory) nor make a key that S3-compatible servers normalise away.
        if (request.batchId().chars().allMatch(c -> c == '.')) {
            throw new PermanentGenerationException(ErrorType.INVALID_REQUEST,
                    "batchId " + request.batchId() + " cannot name a directory of the result store");
        }
        return request.batchId() + "/" + request.itemKey() + "/" + request.epoch() + "-" + attempt
                + MediaTypes.extension(contentType);
    }
}
