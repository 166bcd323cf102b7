package io.genfleet.worker.provider;

/**
 * A generated asset.
 *
 * @param uri         where the asset is (for the simulated provider {@code sim://{batchId}/{itemKey}/{epoch}-{attempt}.png|.mp4},
 *                    for the HTTP providers the stored copy, e.g. {@code file:///...})
 * @param contentType its media type, or null when unknown
 * @param sizeBytes   its size, or -1 when unknown
 */
public record GenerationResult(String uri, String contentType, long sizeBytes) {

    public GenerationResult {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a result needs a URI");
        }
    }

    /** A result whose content type and size are not known (the simulated provider's). */
    public GenerationResult(String uri) {
        this(uri, null, -1);
    }
}
