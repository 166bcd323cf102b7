package io.genfleet.bench.fleet;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The benchmark's polling pause (a measurement loop, not a test wait). */
public final class Pause {

    private Pause() {
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds; after {@code timeout} fails with
     * {@code failure}'s text (read then, so it can say what was seen last).
     */
    public static void until(BooleanSupplier condition, Duration timeout, Duration interval, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure.get());
            }
            briefly(interval);
        }
    }

    public static void briefly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
