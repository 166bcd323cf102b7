package io.genfleet.worker.generation;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.worker.metrics.WorkerMetrics;
import io.genfleet.worker.metrics.WorkerMetrics.Outcome;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.ProviderInvoker;
import io.genfleet.worker.retry.RetryHeaders;
import io.genfleet.worker.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One generation attempt per record of a lane topic or one of its delay topics.
 *
 * <p>Reports {@code generating}, calls the provider, then reports {@code complete}, or {@code failed}
 * with {@code nextRetryAt} and rethrows so that spring-kafka forwards the record to the next delay topic.
 * When no retry follows (last attempt, not retryable, unreadable record) it reports nothing and rethrows:
 * the record goes to the dead-letter topic, whose listener reports {@code failed_permanent}. Returns only
 * after its events are acknowledged, so a committed offset always means reported work.
 */
@Component("workerGenerationListener")
public class GenerationListener {

    /** The listener method, registered per lane by {@link io.genfleet.worker.retry.LaneListeners}. */
    public static final String METHOD = "onRequest";

    private static final Logger log = LoggerFactory.getLogger(GenerationListener.class);

    private final RetryPolicy retryPolicy;
    private final RequestReader reader;
    private final ProviderInvoker provider;
    private final StatusPublisher status;
    private final WorkerMetrics metrics;

    public GenerationListener(RetryPolicy retryPolicy, RequestReader reader, ProviderInvoker provider,
                              StatusPublisher status, WorkerMetrics metrics) {
        this.retryPolicy = retryPolicy;
        this.reader = reader;
        this.provider = provider;
        this.status = status;
        this.metrics = metrics;
    }

    public void onRequest(ConsumerRecord<byte[], byte[]> record) {
        int attempt = retryPolicy.attemptOf(record.topic());
        if (attempt == 1) {
            RetryHeaders.stripChainHeaders(record.headers());
        }
        GenerationRequest request = reader.read(record);
        Lane lane = request.lane();
        recordLateness(record, lane, attempt);
        ItemId id = request.itemId();
        List<CompletableFuture<?>> sends = new ArrayList<>(2);
        sends.add(status.publish(StatusEvent.generating(id, request.epoch(), attempt, Instant.now())));
        GenerationResult result;
        long started = System.nanoTime();
        metrics.started(lane);
        try {
            result = provider.generate(request, attempt);
        } catch (GenerationException failure) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Optional<Duration> delay = retryPolicy.retryDelay(attempt, failure);
            if (delay.isPresent()) {
                Instant now = Instant.now();
                sends.add(status.publish(StatusEvent.failed(id, request.epoch(), attempt, now,
                        new ItemError(failure.errorType(), failure.getMessage()), now.plus(delay.get()))));
                metrics.attempt(lane, Outcome.RETRY, took);
                metrics.retryScheduled(lane, delay.get());
                log.debug("{} epoch {} attempt {} failed ({}), retry in {}", id, request.epoch(), attempt,
                        failure.errorType(), delay.get());
            } else {
                metrics.attempt(lane, Outcome.DEAD_LETTER, took);
                log.debug("{} epoch {} attempt {} failed ({}), no retry", id, request.epoch(), attempt,
                        failure.errorType());
            }
            status.awaitAll(sends);
            throw failure;
        } finally {
            metrics.finished(lane);
        }
        metrics.attempt(lane, Outcome.COMPLETE, Duration.ofNanos(System.nanoTime() - started));
        sends.add(status.publish(StatusEvent.complete(id, request.epoch(), attempt, Instant.now(), result.uri())));
        status.awaitAll(sends);
    }

    /** How long after its due time a delayed attempt starts; it must never start before. */
    private void recordLateness(ConsumerRecord<byte[], byte[]> record, Lane lane, int attempt) {
        Optional<Duration> delay = retryPolicy.delayBefore(attempt);
        Optional<Instant> due = RetryHeaders.dueAt(record.headers());
        if (delay.isPresent() && due.isPresent()) {
            metrics.retryStarted(lane, delay.get(), Duration.between(due.get(), Instant.now()));
        }
    }
}
