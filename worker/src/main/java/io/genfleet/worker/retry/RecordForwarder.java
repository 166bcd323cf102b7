package io.genfleet.worker.retry;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.stereotype.Component;

/**
 * Forwards a failed request record to the next topic of its lane chain (the delay topic of the next attempt,
 * or the dead-letter topic) for the {@code async} worker, writing what spring-kafka's retry topics write in
 * the {@code blocking} mode, so that either mode reads the other's records and the dead-letter readers
 * (the dead-letter listener, retry-failed) see one format:
 * <ul>
 *   <li>the original key, value and headers, to the same partition number;</li>
 *   <li>{@code kafka_dlt-original-*} of the FIRST origin (kept when present), {@code kafka_dlt-exception-*}
 *       of THIS failure (replaced), no stack trace;</li>
 *   <li>{@code retry_topic-attempts} (4-byte int, attempts made + 1), {@code retry_topic-backoff-timestamp}
 *       (the due time, epoch ms as a big-endian BigInteger), {@code retry_topic-original-timestamp};</li>
 *   <li>the worker's {@value DeadLetterHeaders#ATTEMPTS} and {@value DeadLetterHeaders#ERROR_TYPE}.</li>
 * </ul>
 */
@Component("workerRecordForwarder")
public class RecordForwarder {

    private final KafkaOperations<byte[], byte[]> template;
    private final TopicCatalog catalog;
    private final DeadLetterHeaders workerHeaders;
    private final HeaderNames names = DeadLetterHeaders.springHeaderNames();
    private final RealCauseExceptionHeaders exceptionHeaders = new RealCauseExceptionHeaders();

    @Autowired
    public RecordForwarder(WorkerKafkaClients clients, TopicCatalog catalog) {
        this(clients.template(), catalog);
    }

    public RecordForwarder(KafkaOperations<byte[], byte[]> template, TopicCatalog catalog) {
        this.template = template;
        this.catalog = catalog;
        this.workerHeaders = new DeadLetterHeaders(catalog);
    }

    /** After {@code attempt} failed: to the delay topic of the next attempt, due at {@code dueAt}. */
    public CompletableFuture<?> toRetry(ConsumerRecord<byte[], byte[]> record, Lane lane, int attempt, Exception failure,
                                        Instant dueAt, String groupId) {
        return send(catalog.retry(lane, attempt), record, failure, dueAt, groupId);
    }

    /** No retry follows: to the lane's dead-letter topic. */
    public CompletableFuture<?> toDeadLetter(ConsumerRecord<byte[], byte[]> record, Lane lane, Exception failure,
                                             String groupId) {
        return send(catalog.deadLetter(lane), record, failure, Instant.now(), groupId);
    }

    private CompletableFuture<?> send(String topic, ConsumerRecord<byte[], byte[]> record, Exception failure,
                                      Instant dueAt, String groupId) {
        Headers headers = headers(record, failure, dueAt, groupId);
        // The same partition number: delay and dead-letter topics have the lane topic's partition count.
        return template.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value(), headers));
    }

    Headers headers(ConsumerRecord<byte[], byte[]> record, Exception failure, Instant dueAt, String groupId) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        HeaderNames.Original original = names.getOriginal();
        addIfAbsent(headers, original.getTopicHeader(), utf8(record.topic()));
        addIfAbsent(headers, original.getPartitionHeader(), ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        addIfAbsent(headers, original.getOffsetHeader(), ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        addIfAbsent(headers, original.getTimestampHeader(), ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        addIfAbsent(headers, original.getTimestampTypeHeader(), utf8(record.timestampType().toString()));
        addIfAbsent(headers, original.getConsumerGroup(), utf8(groupId));
        exceptionHeaders.create(headers, failure, false, names);
        Header originalTimestamp = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP);
        byte[] originalTimestampBytes = originalTimestamp != null ? originalTimestamp.value()
                : BigInteger.valueOf(record.timestamp()).toByteArray();
        replace(headers, RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP, originalTimestampBytes);
        replace(headers, RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS,
                ByteBuffer.allocate(Integer.BYTES).putInt(springAttempts(headers) + 1).array());
        replace(headers, RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
                BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
        workerHeaders.forFailure(record, failure).forEach(header -> replace(headers, header.key(), header.value()));
        return headers;
    }

    /** spring-kafka's attempts header as it reads it: 1 when absent or unreadable. */
    private static int springAttempts(Headers headers) {
        Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null || header.value() == null) {
            return 1;
        }
        byte[] value = header.value();
        int attempts = value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt()
                : value.length == 1 ? Byte.toUnsignedInt(value[0]) : 1;
        return attempts >= 1 ? attempts : 1;
    }

    private static void addIfAbsent(Headers headers, String name, byte[] value) {
        if (headers.lastHeader(name) == null) {
            headers.add(name, value);
        }
    }

    private static void replace(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
