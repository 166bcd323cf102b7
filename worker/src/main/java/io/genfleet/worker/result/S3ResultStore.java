package io.genfleet.worker.result;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.web.UrlEncoding;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.RetryableGenerationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Results in an S3-compatible bucket under {@code {prefix}{batchId}/{itemKey}/{epoch}-{attempt}.{ext}}
 * ({@link ResultNames}), uploaded with the SDK's asynchronous client: no thread waits for the upload. A download
 * is spooled to a local temporary file first (a video never sits in memory) and uploaded in one PUT, so the key
 * holds a whole result or nothing.
 *
 * <p>{@code resultUri} is {@code s3://{bucket}/{key}}, or {@code {publicBaseUrl}/{key}} when the bucket is served
 * over HTTPS (a CDN, a public-read bucket): never a presigned URL, which would expire while the aggregator still
 * shows it.
 */
public final class S3ResultStore implements ResultStore, AutoCloseable {

    private final S3AsyncClient client;
    private final String bucket;
    private final String prefix;
    private final String publicBaseUrl;
    private final Path spool;

    /**
     * @param prefix        prepended to every key as it is (e.g. {@code genfleet/}), may be empty
     * @param publicBaseUrl the HTTPS root the bucket's keys are served under, or null for {@code s3://} URIs
     * @param spool         the local directory downloads are written to before their upload (created when missing)
     */
    public S3ResultStore(S3AsyncClient client, String bucket, String prefix, URI publicBaseUrl, Path spool)
            throws IOException {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.toString().replaceAll("/+$", "");
        this.spool = Files.createDirectories(spool.toAbsolutePath().normalize());
    }

    @Override
    public Path temporaryFile() throws IOException {
        return Files.createTempFile(spool, "result-", ".part");
    }

    @Override
    public CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, Path written,
                                                    String contentType) {
        CompletableFuture<GenerationResult> kept;
        try {
            String type = MediaTypes.of(contentType, written);
            long size = Files.size(written);
            kept = put(request, attempt, type, size, AsyncRequestBody.fromFile(written));
        } catch (IOException e) {
            kept = CompletableFuture.failedFuture(
                    new UncheckedIOException("cannot read the result of " + request.itemId(), e));
        } catch (RuntimeException e) {
            kept = CompletableFuture.failedFuture(e);
        }
        return kept.whenComplete((result, error) -> deleteQuietly(written));
    }

    @Override
    public CompletableFuture<GenerationResult> keep(GenerationRequest request, int attempt, byte[] content,
                                                    String contentType) {
        try {
            return put(request, attempt, MediaTypes.of(contentType, content), content.length,
                    AsyncRequestBody.fromBytes(content));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<GenerationResult> put(GenerationRequest request, int attempt, String type, long size,
                                                    AsyncRequestBody body) {
        String key = prefix + ResultNames.of(request, attempt, type);
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(size)
                .contentType(type == null ? "application/octet-stream" : type).build();
        return client.putObject(put, body).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                // The store, not the provider, failed: the generation may be repeated once the bucket answers.
                throw new RetryableGenerationException(ErrorType.TRANSIENT, "cannot upload the result of "
                        + request.itemId() + " to s3://" + bucket + "/" + key + ": " + cause.getMessage(), cause);
            }
            return new GenerationResult(uriOf(key), type, size);
        });
    }

    /** Where a key is for a user of the status API: its public URL when there is one, else its {@code s3://} URI. */
    String uriOf(String key) {
        if (publicBaseUrl == null) {
            return "s3://" + bucket + "/" + key;
        }
        StringBuilder url = new StringBuilder(publicBaseUrl);
        for (String segment : key.split("/", -1)) {
            url.append('/').append(UrlEncoding.segment(segment));
        }
        return url.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A left-over spool file is only disk space; the result itself was kept or reported as failed.
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
