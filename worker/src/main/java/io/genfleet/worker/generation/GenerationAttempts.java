package io.genfleet.worker.generation;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.metrics.WorkerMetrics;
import io.genfleet.worker.metrics.WorkerMetrics.Outcome;
import io.genfleet.worker.provider.FailureClassifier;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.ProviderInvoker;
import io.genfleet.worker.retry.RecordForwarder;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.worker.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One generation attempt per record of a lane topic or one of its delay topics, without blocking a thread, and
 * the one place that decides what follows an attempt. It reports
 * {@code generating}, calls the provider asynchronously, then reports {@code complete}; or reports
 * {@code failed} with {@code nextRetryAt} and forwards the record to the next delay topic, due at exactly that
 * time; or, when no retry follows (last attempt, not retryable, unreadable record), forwards it to the
 * dead-letter topic, whose consumer reports {@code failed_permanent}. The returned future completes when all of
 * that is acknowledged; it fails only when an event or forward could not be published (the record is then
 * handled again).
 */
@Component("workerGenerationAttempts")
public class GenerationAttempts {

    private static final Logger log = LoggerFactory.getLogger(GenerationAttempts.class);

    private final TopicCatalog catalog;
    private final RetryPolicy retryPolicy;
    private final RequestReader reader;
    private final ProviderInvoker provider;
    private final StatusPublisher status;
    private final RecordForwarder forwarder;
    private final WorkerMetrics metrics;

    public GenerationAttempts(TopicCatalog catalog, RetryPolicy retryPolicy, RequestReader reader, ProviderInvoker provider,
                         StatusPublisher status, RecordForwarder forwarder, WorkerMetrics metrics) {
        this.catalog = catalog;
        this.retryPolicy = retryPolicy;
        this.reader = reader;
        this.provider = provider;
        this.status = status;
        this.forwarder = forwarder;
        this.metrics = metrics;
    }

    /**
     * @param groupId  the consumer group that read the record (for the dead-letter headers)
     * @param executor where the work after the provider call runs (never the provider's or the producer's thread)
     * @param callEnded run when the provider has answered, before the outcome is published (the caller's next
     *                  call may start then); not run for a record that makes no call
     */
    public CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record, String groupId, Executor executor,
                                       Runnable callEnded) {
        // Off the consumer's thread at once: reading the request and publishing its events is most of the CPU
        // of an attempt, and the loop should only poll, dispatch and commit.
        return CompletableFuture.supplyAsync(() -> start(record, groupId, executor, callEnded), executor)
                .thenCompose(started -> started);
    }

    private CompletableFuture<?> start(ConsumerRecord<byte[], byte[]> record, String groupId, Executor executor,
                                       Runnable callEnded) {
        Lane lane = catalog.laneOf(record.topic()).orElseThrow(() ->
                new IllegalStateException("topic " + record.topic() + " belongs to no lane"));
        int attempt = retryPolicy.attemptOf(record.topic());
        if (attempt == 1) {
            ChainHeaders.stripChain(record.headers());
        }
        GenerationRequest request;
        try {
            request = reader.read(record);
        } catch (RuntimeException unreadable) {
            log.debug("Unreadable record {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
            return send(() -> forwarder.toDeadLetter(record, lane, unreadable, groupId));
        }
        recordLateness(record, lane, attempt);
        ItemId id = request.itemId();
        CompletableFuture<?> generating = send(() ->
                status.publish(StatusEvent.generating(id, request.epoch(), attempt, Instant.now())));
        long started = System.nanoTime();
        metrics.started(lane);
        CompletableFuture<?> outcome = provider.generateAsync(request, attempt)
                .handle((result, error) -> new Answer(result, error, endCall(callEnded)))
                .thenApplyAsync(answer -> finish(record, request, attempt, groupId, started, answer), executor)
                .thenCompose(sends -> sends);
        return CompletableFuture.allOf(generating, outcome);
    }

    /** What the provider answered, and when: the attempt's end, before its call slot went to the next record. */
    private record Answer(GenerationResult result, Throwable error, Instant at) {
    }

    /**
     * The time of the answer is taken before the call slot is given back, so an attempt's events never overlap
     * those of the attempt that takes its slot: at most C attempts run between their generating and end events.
     */
    private static Instant endCall(Runnable callEnded) {
        Instant answeredAt = Instant.now();
        callEnded.run();
        return answeredAt;
    }

    private CompletableFuture<?> finish(ConsumerRecord<byte[], byte[]> record, GenerationRequest request, int attempt,
                                        String groupId, long started, Answer answer) {
        GenerationResult result = answer.result();
        Throwable error = answer.error();
        Lane lane = request.lane();
        ItemId id = request.itemId();
        metrics.finished(lane);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (error == null) {
            metrics.attempt(lane, Outcome.COMPLETE, took);
            return send(() -> status.publish(StatusEvent.complete(id, request.epoch(), attempt, answer.at(),
                    result.uri(), result.contentType(), result.sizeBytes() < 0 ? null : result.sizeBytes())));
        }
        GenerationException failure = FailureClassifier.ofProviderFailure(
                error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        Optional<Duration> delay = retryPolicy.retryDelay(attempt, failure);
        if (delay.isPresent()) {
            // One due time for the event and the delayed record: lateness is measured against what was announced.
            Instant now = answer.at().truncatedTo(ChronoUnit.MILLIS);
            Instant due = now.plus(retryPolicy.waitBeforeRetry(delay.get(), failure));
            metrics.attempt(lane, Outcome.RETRY, took);
            metrics.retryScheduled(lane, delay.get());
            log.debug("{} epoch {} attempt {} failed ({}), retry at {}", id, request.epoch(), attempt,
                    failure.errorType(), due);
            return CompletableFuture.allOf(
                    send(() -> status.publish(StatusEvent.failed(id, request.epoch(), attempt, now,
                            new ItemError(failure.errorType(), failure.getMessage()), due))),
                    send(() -> forwarder.toRetry(record, lane, attempt, failure, due, groupId)));
        }
        metrics.attempt(lane, Outcome.DEAD_LETTER, took);
        log.debug("{} epoch {} attempt {} failed ({}), no retry", id, request.epoch(), attempt, failure.errorType());
        return send(() -> forwarder.toDeadLetter(record, lane, failure, groupId));
    }

    /** A send that throws instead of returning a failed future (e.g. the producer is closing) fails the same way. */
    private static CompletableFuture<?> send(Supplier<CompletableFuture<?>> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** How long after its due time a delayed attempt starts; it must never start before. */
    private void recordLateness(ConsumerRecord<byte[], byte[]> record, Lane lane, int attempt) {
        Optional<Duration> delay = retryPolicy.delayBefore(attempt);
        Optional<Instant> due = ChainHeaders.dueAt(record.headers());
        if (delay.isPresent() && due.isPresent()) {
            metrics.retryStarted(lane, delay.get(), Duration.between(due.get(), Instant.now()));
        }
    }
}
