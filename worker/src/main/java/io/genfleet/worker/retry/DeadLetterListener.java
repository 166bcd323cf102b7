package io.genfleet.worker.retry;

import io.genfleet.common.item.Lane;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.generation.RequestReader;
import io.genfleet.worker.generation.StatusPublisher;
import io.genfleet.worker.metrics.WorkerMetrics;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.genfleet.common.topic.ChainHeaders;
import org.springframework.stereotype.Component;

/**
 * Reports {@code failed_permanent} for each record that reaches a lane's dead-letter topic: the error from
 * the record's failure headers, the attempt that failed ({@value ChainHeaders#ATTEMPTS}) and where the
 * dead letter lies. An unreadable record (no item to attribute it to) is logged and counted only.
 *
 * <p>Idempotent: a redelivered dead letter yields an event of the same (epoch, attempt, phase), which the
 * aggregator ignores. A failure to publish is counted, logged and not retried: the producer has already retried
 * for {@code delivery.timeout.ms}, the record stays
 * in the dead-letter topic for a manual retry, and the default would republish it to the same topic forever.
 */
@Component("workerDeadLetterListener")
public class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final TopicCatalog catalog;
    private final RequestReader reader;
    private final StatusPublisher status;
    private final WorkerMetrics metrics;

    public DeadLetterListener(TopicCatalog catalog, RequestReader reader, StatusPublisher status,
                              WorkerMetrics metrics) {
        this.catalog = catalog;
        this.reader = reader;
        this.status = status;
        this.metrics = metrics;
    }

    public void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        Lane lane = catalog.laneOf(record.topic()).orElseThrow(() ->
                new IllegalStateException("topic " + record.topic() + " belongs to no lane"));
        Headers headers = record.headers();
        String reason = ChainHeaders.text(headers, ChainHeaders.EXCEPTION_MESSAGE).orElse("unknown failure");
        GenerationRequest request;
        try {
            request = reader.read(record);
        } catch (InvalidMessageException e) {
            metrics.deadLetter(lane, ChainHeaders.errorType(headers).orElse(ErrorType.INVALID_MESSAGE));
            log.warn("Unattributable dead letter {}-{}@{}, no status event: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage().equals(reason) ? reason : e.getMessage() + " (dead-lettered: "
                    + reason + ")");
            return;
        }
        ErrorType type = ChainHeaders.errorType(headers).orElse(ErrorType.TRANSIENT);
        StatusEvent event = StatusEvent.failedPermanent(request.itemId(), request.epoch(), failedAttempt(headers),
                Instant.now(), new ItemError(type, reason),
                new DeadLetterRef(record.topic(), record.partition(), record.offset()));
        try {
            status.publishAndWait(event);
        } catch (RuntimeException e) {
            metrics.deadLetterUnreported(lane);
            log.error("Could not report {} failed_permanent (dead letter {}-{}@{}); it stays in the dead-letter "
                    + "topic", request.itemId(), record.topic(), record.partition(), record.offset(), e);
            throw e;
        }
        metrics.deadLetter(lane, type);
        log.info("{} epoch {} failed permanently after attempt {}: {} {}", request.itemId(), request.epoch(),
                event.attempt(), type, reason);
    }

    /** The attempt that failed; without the worker's header, the one the first origin implies. */
    private int failedAttempt(Headers headers) {
        return ChainHeaders.attempts(headers).orElseGet(() ->
                ChainHeaders.text(headers, ChainHeaders.ORIGINAL_TOPIC)
                        .flatMap(catalog::attemptOf)
                        .orElse(1));
    }
}
