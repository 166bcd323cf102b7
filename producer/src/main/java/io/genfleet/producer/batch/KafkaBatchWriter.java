package io.genfleet.producer.batch;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * Writes every item's {@code pending} event (status topic) and its request (lane topic), keyed
 * {@code {batchId}/{itemKey}}, in ONE Kafka transaction: read_committed readers (workers, the
 * aggregator) see the whole batch or nothing of it.
 *
 * <p>Every acknowledgement is awaited inside the transaction, before the commit. That is deliberate:
 * {@link KafkaTemplate#executeInTransaction} aborts when the callback throws, but when
 * {@code commitTransaction} itself throws (which is where an unchecked failed send would surface) it
 * only closes the producer, leaving the transaction open, and its partitions blocked for readers, until
 * the broker times it out.
 */
public class KafkaBatchWriter implements BatchWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBatchWriter.class);

    /** Failures that the same request would meet again: 500 rather than 503. */
    private static final List<Class<? extends Throwable>> PERMANENT = List.of(
            RecordTooLargeException.class, RecordBatchTooLargeException.class, AuthenticationException.class,
            AuthorizationException.class, SerializationException.class, InvalidTopicException.class,
            UnsupportedVersionException.class);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;
    private final TopicCatalog topics;
    private final Semaphore transactions;
    private final Duration slotWait;
    private final Duration ackWait;
    private final Clock clock;

    /**
     * @param producers    a transactional factory whose transactional ids are reused (bounded to {@code concurrent})
     * @param concurrent   transactions at a time; further submissions wait up to {@code slotWait} for one
     * @param slotWait     how long to wait for a free transactional producer
     * @param ackWait      how long to wait for all acknowledgements (a safety net over delivery.timeout.ms)
     */
    public KafkaBatchWriter(DefaultKafkaProducerFactory<String, byte[]> producers, int concurrent, Duration slotWait,
                            Duration ackWait, TopicCatalog topics, Clock clock) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
        // Not a bean, so it cannot find the registry; Kafka's own client metrics (transaction and send
        // times) are published through the factory's MicrometerProducerListener instead.
        this.template.setMicrometerEnabled(false);
        // The default listener logs every failed send at ERROR with the record's contents (user prompts);
        // a failure is logged once, below, with the batch it belongs to.
        this.template.setProducerListener(new ProducerListener<>() {
        });
        this.topics = topics;
        this.transactions = new Semaphore(concurrent, true);
        this.slotWait = slotWait;
        this.ackWait = ackWait;
        this.clock = clock;
    }

    @Override
    public void write(Batch batch) {
        acquireSlot(batch);
        try {
            template.executeInTransaction(operations -> sendAll(operations, batch));
        } catch (RuntimeException e) {
            boolean retryable = isRetryable(e);
            log.warn("Batch {} ({} items) not committed ({}): {}", batch.batchId(), batch.items().size(),
                    retryable ? "retryable" : "permanent", rootMessage(e));
            throw new BatchNotWrittenException(batch.batchId(), retryable, "Kafka did not commit the batch: "
                    + rootMessage(e), e);
        } finally {
            transactions.release();
        }
    }

    private void acquireSlot(Batch batch) {
        boolean acquired;
        try {
            acquired = transactions.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new BatchNotWrittenException(batch.batchId(), true,
                    "every transactional producer of this instance is busy", null);
        }
    }

    private Void sendAll(KafkaOperations<String, byte[]> operations, Batch batch) {
        Instant now = clock.instant();
        TopicSpec<String, StatusEvent> status = topics.status();
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.items().size() * 2);
        for (BatchItem item : batch.items()) {
            String key = item.id().toString();
            StatusEvent pending = StatusEvent.pending(item.id(), 0, now);
            acks.add(operations.send(status.name(), key, status.valueSerde().serializer().serialize(status.name(), pending)));
            TopicSpec<String, GenerationRequest> lane = topics.requests(item.id().itemKey().lane());
            GenerationRequest request = GenerationRequest.first(item.id(), item.prompt(), item.simulate(), now);
            acks.add(operations.send(lane.name(), key, lane.valueSerde().serializer().serialize(lane.name(), request)));
        }
        operations.flush();
        awaitAll(acks);
        return null;
    }

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SendFailedException(e.getCause());
        } catch (TimeoutException e) {
            throw new SendFailedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailedException(e);
        }
    }

    /** Kafka (or waiting for it) failed, and nothing says the same request would fail again. */
    static boolean isRetryable(Throwable failure) {
        boolean kafka = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable current = t;
            if (PERMANENT.stream().anyMatch(type -> type.isInstance(current))) {
                return false;
            }
            kafka |= t instanceof org.apache.kafka.common.KafkaException
                    || t instanceof org.springframework.kafka.KafkaException
                    || t instanceof TimeoutException
                    || t instanceof InterruptedException;
        }
        return kafka;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        producers.destroy();
    }

    /** Carries a send failure out of the transaction callback, which makes the template abort. */
    private static final class SendFailedException extends RuntimeException {
        SendFailedException(Throwable cause) {
            super(cause);
        }
    }
}
