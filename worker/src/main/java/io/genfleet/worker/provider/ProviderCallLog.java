package io.genfleet.worker.provider;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A diagnostic wrapper around the provider ({@code genfleet.worker.provider.call-log}, off by default): appends
 * one JSON line {@code {"idempotencyKey", "attempt", "at"}} per call BEFORE making it, so a fault test can count
 * repeated calls (the price of at-least-once delivery) by idempotency key and attempt. Each line is one unbuffered
 * append, so what was written survives a {@code kill -9} of the worker.
 *
 * <p>{@link #wrap} keeps the delegate's kind: the log of an {@link AsyncGenerationProvider} is one too, so logging
 * does not change how the worker calls the provider.
 */
public class ProviderCallLog implements GenerationProvider, AutoCloseable {

    /** One logged call. */
    public record Call(String idempotencyKey, int attempt, Instant at) {
    }

    private final GenerationProvider delegate;
    private final Path file;
    private final FileChannel channel;

    /** A call log around {@code delegate}, asynchronous when the delegate is. */
    public static ProviderCallLog wrap(GenerationProvider delegate, Path file) {
        return delegate instanceof AsyncGenerationProvider async ? new Async(async, file)
                : new ProviderCallLog(delegate, file);
    }

    private ProviderCallLog(GenerationProvider delegate, Path file) {
        this.delegate = delegate;
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the provider call log " + file, e);
        }
    }

    @Override
    public GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
        append(new Call(idempotencyKey, attempt, Instant.now()));
        return delegate.generate(request, attempt, idempotencyKey);
    }

    /** The log of an asynchronous provider: the line is appended before the call starts, as for blocking calls. */
    private static final class Async extends ProviderCallLog implements AsyncGenerationProvider {

        private final AsyncGenerationProvider asyncDelegate;

        private Async(AsyncGenerationProvider delegate, Path file) {
            super(delegate, file);
            this.asyncDelegate = delegate;
        }

        @Override
        public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                                 String idempotencyKey) {
            try {
                append(new Call(idempotencyKey, attempt, Instant.now()));
            } catch (UncheckedIOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return asyncDelegate.generateAsync(request, attempt, idempotencyKey);
        }
    }

    final synchronized void append(Call call) {
        ByteBuffer line = ByteBuffer.wrap((Json.writeString(call) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            // A call that cannot be logged is not made: the count of calls must be complete to mean anything.
            throw new UncheckedIOException("cannot append to the provider call log " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
