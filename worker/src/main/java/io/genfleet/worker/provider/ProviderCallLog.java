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

/**
 * A diagnostic wrapper around the provider ({@code genfleet.worker.provider.call-log}, off by default): appends
 * one JSON line {@code {"idempotencyKey", "attempt", "at"}} per call BEFORE making it, so a fault test can count
 * repeated calls (the price of at-least-once delivery) by idempotency key and attempt. Each line is one unbuffered
 * append, so what was written survives a {@code kill -9} of the worker.
 */
public final class ProviderCallLog implements GenerationProvider, AutoCloseable {

    /** One logged call. */
    public record Call(String idempotencyKey, int attempt, Instant at) {
    }

    private final GenerationProvider delegate;
    private final Path file;
    private final FileChannel channel;

    public ProviderCallLog(GenerationProvider delegate, Path file) {
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

    private synchronized void append(Call call) {
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
