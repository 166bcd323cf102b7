package io.genfleet.producer.batch;

import io.genfleet.common.item.ItemKey;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.Hold;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
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

/**
 * Writes every item's {@code pending} event (status topic, on the batch's partition, carrying the batch's size) and
 * its request (lane topic), keyed {@code {batchId}/{itemKey}}, in ONE Kafka transaction: read_committed readers (workers, the
 * aggregator) see the whole batch or nothing of it. An item that waits for others (a scene's video) gets no request
 * here: its pending event holds it, and the aggregator publishes it once its dependencies are complete.
 */
public class KafkaBatchWriter implements BatchWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBatchWriter.class);

    /** Failures that the same request would meet again: 500 rather than 503. */
    private static final List<Class<? extends Throwable>> PERMANENT = List.of(
            RecordTooLargeException.class, RecordBatchTooLargeException.class, AuthenticationException.class,
            AuthorizationException.class, SerializationException.class, InvalidTopicException.class,
            UnsupportedVersionException.class);

    private final BoundedTransactions transactions;
    private final TopicCatalog topics;
    private final Clock clock;

    /**
     * @param producers    a transactional factory whose transactional ids are reused (bounded to {@code concurrent})
     * @param concurrent   transactions at a time; further submissions wait up to {@code slotWait} for one
     * @param slotWait     how long to wait for a free transactional producer
     * @param ackWait      how long to wait for all acknowledgements (a safety net over delivery.timeout.ms)
     */
    public KafkaBatchWriter(DefaultKafkaProducerFactory<String, byte[]> producers, int concurrent, Duration slotWait,
                            Duration ackWait, TopicCatalog topics, Clock clock) {
        this.transactions = new BoundedTransactions(producers, concurrent, slotWait, ackWait);
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public void write(Batch batch) {
        try {
            transactions.run(sends -> sendAll(sends, batch));
        } catch (BoundedTransactions.NoFreeProducerException e) {
            throw new BatchNotWrittenException(batch.batchId(), true,
                    "every transactional producer of this instance is busy", e);
        } catch (RuntimeException e) {
            boolean retryable = isRetryable(e);
            String cause = BoundedTransactions.rootMessage(e);
            log.warn("Batch {} ({} items) not committed ({}): {}", batch.batchId(), batch.items().size(),
                    retryable ? "retryable" : "permanent", cause);
            throw new BatchNotWrittenException(batch.batchId(), retryable, "Kafka did not commit the batch: " + cause,
                    e);
        }
    }

    private void sendAll(BoundedTransactions.Sends sends, Batch batch) {
        Instant now = clock.instant();
        TopicSpec<String, StatusEvent> status = topics.status();
        int statusPartition = StatusPartitioning.partitionOf(batch.batchId(), sends.partitions(status.name()));
        int total = batch.items().size();
        for (BatchItem item : batch.items()) {
            String key = item.id().toString();
            GenerationRequest request = GenerationRequest.first(item.id(), item.prompt(), item.simulate(), now,
                    item.params(), item.imageUri());
            // Every pending event carries the batch's size: whichever the aggregator reads first, the summary's
            // total is exact from then on. An item that waits for others carries its request on its pending event
            // instead of publishing it: the aggregator releases it when what it waits for is complete.
            // The webhook receiver travels the same way, so whichever event the aggregator reads first tells it.
            StatusEvent pending = item.dependsOn().isEmpty() ? StatusEvent.submitted(item.id(), now, total, batch.webhook())
                    : StatusEvent.submittedHeld(item.id(), now, total, Hold.of(
                            item.dependsOn().stream().map(ItemKey::toString).toList(), request), batch.webhook());
            sends.send(new ProducerRecord<>(status.name(), statusPartition, key,
                    status.valueSerde().serializer().serialize(status.name(), pending)));
            if (item.dependsOn().isEmpty()) {
                TopicSpec<String, GenerationRequest> lane = topics.requests(item.id().itemKey().lane());
                sends.send(new ProducerRecord<>(lane.name(), key,
                        lane.valueSerde().serializer().serialize(lane.name(), request)));
            }
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

    @Override
    public void close() {
        transactions.close();
    }
}
