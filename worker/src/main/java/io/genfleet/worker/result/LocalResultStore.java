package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.PermanentGenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Results in a local directory: {@code {dir}/{batchId}/{itemKey}/{epoch}-{attempt}.{ext}}, with
 * {@code resultUri} the file's {@code file:} URI. One file per attempt, so an attempt repeated after a crash
 * replaces its own file and never another attempt's.
 */
public final class LocalResultStore implements ResultStore {

    private static final int SNIFF_BYTES = 16;

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
    public GenerationResult keep(GenerationRequest request, int attempt, Path written, String contentType)
            throws IOException {
        try {
            String type = MediaTypes.normalise(contentType);
            if (type == null) {
                type = MediaTypes.sniff(head(written));
            }
            // The contract lets a batchId be "." or ".." ([A-Za-z0-9._-]{1,64}): that must not lead out of the store.
            if (request.batchId().chars().allMatch(c -> c == '.')) {
                throw new PermanentGenerationException(ErrorType.INVALID_REQUEST,
                        "batchId " + request.batchId() + " cannot name a directory of the result store");
            }
            Path target = dir.resolve(request.batchId()).resolve(request.itemKey())
                    .resolve(request.epoch() + "-" + attempt + MediaTypes.extension(type));
            Files.createDirectories(target.getParent());
            long size = Files.size(written);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new GenerationResult(target.toUri().toString(), type, size);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    @Override
    public GenerationResult keep(GenerationRequest request, int attempt, byte[] content, String contentType)
            throws IOException {
        Path written = temporaryFile();
        try {
            Files.write(written, content);
        } catch (IOException e) {
            Files.deleteIfExists(written);
            throw e;
        }
        return keep(request, attempt, written, contentType);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }
}
