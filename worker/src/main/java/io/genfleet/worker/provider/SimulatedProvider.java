package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.WorkerSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The contract's simulated provider: it waits a latency, then fails or returns
 * {@code sim://{batchId}/{itemKey}/{epoch}-{attempt}.png} ({@code .mp4} for videos).
 *
 * <p>Every decision is deterministic: a request's {@code simulate.failTimes} fails the first n attempts
 * of the item counted across epochs ({@code priorAttempts + attempt}) with {@code simulate.error};
 * without it, the global failure rate decides from a hash of (seed, batchId, itemKey, epoch, attempt).
 * The latency is {@code simulate.latencyMs}, else drawn the same way from [latency-min, latency-max].
 */
public final class SimulatedProvider implements AsyncGenerationProvider {

    private final WorkerSettings.Provider settings;

    public SimulatedProvider(WorkerSettings.Provider settings) {
        this.settings = settings;
    }

    /**
     * What an attempt will do.
     *
     * @param latency how long it takes
     * @param error   how it fails, or null when it succeeds
     */
    public record Outcome(Duration latency, ErrorType error) {
    }

    @Override
    public GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
        Outcome outcome = decide(request, attempt);
        sleep(outcome.latency());
        if (outcome.error() != null) {
            throw failure(request, attempt, outcome.error());
        }
        return new GenerationResult(uri(request, attempt));
    }

    private static GenerationException failure(GenerationRequest request, int attempt, ErrorType error) {
        return GenerationException.of(error, "simulated " + error + " failure of " + request.itemId()
                + " (epoch " + request.epoch() + ", attempt " + attempt + ")");
    }

    /**
     * The same outcome without a sleeping thread: the latency elapses on the JDK's shared delay scheduler,
     * so thousands of simulated generations can be in flight at once.
     */
    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                             String idempotencyKey) {
        Outcome outcome = decide(request, attempt);
        Executor after = outcome.latency().isZero() ? Runnable::run
                : CompletableFuture.delayedExecutor(outcome.latency().toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
        CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        after.execute(() -> {
            if (outcome.error() != null) {
                result.completeExceptionally(failure(request, attempt, outcome.error()));
            } else {
                result.complete(new GenerationResult(uri(request, attempt)));
            }
        });
        return result;
    }

    /** The decision for one attempt, without waiting for it. */
    public Outcome decide(GenerationRequest request, int attempt) {
        Simulation simulation = request.simulate();
        return new Outcome(latency(request, attempt, simulation), error(request, attempt, simulation));
    }

    static String uri(GenerationRequest request, int attempt) {
        String extension = request.lane() == Lane.VIDEO ? ".mp4" : ".png";
        return "sim://" + request.batchId() + "/" + request.itemKey() + "/" + request.epoch() + "-" + attempt + extension;
    }

    private ErrorType error(GenerationRequest request, int attempt, Simulation simulation) {
        if (simulation != null && simulation.failTimes() != null) {
            int attemptOfItem = request.priorAttempts() + attempt;
            return attemptOfItem <= simulation.failTimes() ? simulation.errorOrTransient() : null;
        }
        double draw = random(request, attempt, "failure");
        if (draw < settings.failureRate()) {
            return simulation != null ? simulation.errorOrTransient() : ErrorType.TRANSIENT;
        }
        return null;
    }

    private Duration latency(GenerationRequest request, int attempt, Simulation simulation) {
        if (simulation != null && simulation.latencyMs() != null) {
            return Duration.ofMillis(simulation.latencyMs());
        }
        long min = settings.latencyMin().toMillis();
        long span = settings.latencyMax().toMillis() - min;
        long extra = (long) Math.floor(random(request, attempt, "latency") * (span + 1));
        return Duration.ofMillis(min + Math.min(extra, span));
    }

    private double random(GenerationRequest request, int attempt, String purpose) {
        return DeterministicRandom.unit(settings.seed(), request.batchId(), request.itemKey(), request.epoch(),
                attempt, purpose);
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            // The caller gave up on this call (time limit or shutdown); its outcome no longer matters.
            Thread.currentThread().interrupt();
            throw new RetryableGenerationException(ErrorType.TIMEOUT, "simulated generation interrupted", e);
        }
    }
}
