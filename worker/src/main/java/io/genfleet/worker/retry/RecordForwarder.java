package io.genfleet.worker.retry;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.worker.provider.FailureClassifier;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Forwards a failed request record to the next topic of its lane chain: the delay topic of the next attempt, or
 * the dead-letter topic. It keeps the original key, value and headers, sends to the same partition number (the
 * chain's topics share the lane topic's partition count) and writes the {@link ChainHeaders}: the first origin
 * (kept), this failure (replaced), the due time, and the attempt and error type.
 */
@Component("workerRecordForwarder")
public class RecordForwarder {

    private final KafkaOperations<byte[], byte[]> template;
    private final TopicCatalog catalog;

    @Autowired
    public RecordForwarder(WorkerKafkaClients clients, TopicCatalog catalog) {
        this(clients.template(), catalog);
    }

    public RecordForwarder(KafkaOperations<byte[], byte[]> template, TopicCatalog catalog) {
        this.template = template;
        this.catalog = catalog;
    }

    /** After {@code attempt} failed: to the delay topic of the next attempt, due at {@code dueAt}. */
    public CompletableFuture<?> toRetry(ConsumerRecord<byte[], byte[]> record, Lane lane, int attempt, Throwable failure,
                                        Instant dueAt, String groupId) {
        return send(catalog.retry(lane, attempt), record, failure, dueAt, groupId);
    }

    /** No retry follows: to the lane's dead-letter topic. */
    public CompletableFuture<?> toDeadLetter(ConsumerRecord<byte[], byte[]> record, Lane lane, Throwable failure,
                                             String groupId) {
        return send(catalog.deadLetter(lane), record, failure, Instant.now(), groupId);
    }

    private CompletableFuture<?> send(String topic, ConsumerRecord<byte[], byte[]> record, Throwable failure,
                                      Instant dueAt, String groupId) {
        Headers headers = headers(record, failure, dueAt, groupId);
        return template.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value(), headers));
    }

    Headers headers(ConsumerRecord<byte[], byte[]> record, Throwable failure, Instant dueAt, String groupId) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        ChainHeaders.addOrigin(headers, record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType().toString(), groupId);
        ChainHeaders.setFailure(headers, failure);
        ChainHeaders.setRetry(headers, dueAt, record.timestamp());
        ChainHeaders.setAttemptFailure(headers, catalog.attemptOf(record.topic()).map(OptionalInt::of)
                .orElse(OptionalInt.empty()), FailureClassifier.errorTypeOf(failure));
        return headers;
    }
}
