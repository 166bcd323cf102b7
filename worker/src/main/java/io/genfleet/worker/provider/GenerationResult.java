package io.genfleet.worker.provider;

/**
 * A generated asset.
 *
 * @param uri where the asset is (for the simulated provider {@code sim://{batchId}/{itemKey}/{epoch}-{attempt}.png|.mp4})
 */
public record GenerationResult(String uri) {

    public GenerationResult {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a result needs a URI");
        }
    }
}
