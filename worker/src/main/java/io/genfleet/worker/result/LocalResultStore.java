package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.worker.provider.GenerationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;

/**
 * Results in a local directory: {@code {dir}/{batchId}/{itemKey}/{epoch}-{attempt}.{ext}} ({@link ResultNames}),
 * with {@code resultUri} the file's {@code file:} URI. Keeping is a rename, done at once by the caller's thread.
 */
public final class LocalResultStore implements ResultStore {

    private final Path dir;
    private final Path incoming;

    public LocalResultStore(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.incoming = Files.createDirectories(this.dir.resolve(".incoming"));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Path temporaryFile() throws IOException {
        return Files.createTempFile(incoming, "result-", ".part");
    }

    @Override
    public CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, Path written,
                                                    String contentType) {
        try {
            return CompletableFuture.completedFuture(move(request, attempt, written, contentType));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new UncheckedIOException("cannot store the result of " + request.itemId(), e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, byte[] content,
                                                    String contentType) {
        Path written;
        try {
            written = temporaryFile();
            try {
                Files.write(written, content);
            } catch (IOException e) {
                Files.deleteIfExists(written);
                throw e;
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new UncheckedIOException("cannot store the result of " + request.itemId(), e));
        }
        return keep(request, attempt, written, contentType);
    }

    private GenerationResult move(GenerationRequest request, int attempt, Path written, String contentType)
            throws IOException {
        try {
            String type = MediaTypes.of(contentType, written);
            Path target = dir.resolve(ResultNames.of(request, attempt, type));
            Files.createDirectories(target.getParent());
            long size = Files.size(written);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new GenerationResult(target.toUri().toString(), type, size);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
