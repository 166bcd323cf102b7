package io.genfleet.worker.generation;

import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Publishes status events to the status topic, keyed {@code {batchId}/{itemKey}}, on the batch's partition
 * ({@link StatusPartitioning}) so that a batch's events stay in order on one partition (one idempotent producer,
 * acks=all). Sends are asynchronous; the
 * listener waits for all of an attempt's events before its offset may be committed.
 */
@Component("workerStatusPublisher")
public class StatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final KafkaOperations<byte[], byte[]> template;
    private final TopicSpec<String, StatusEvent> topic;
    private final Duration sendTimeout;
    /** The status topic's partition count, looked up once: it must not change while batches run. */
    private volatile int partitions;

    @Autowired
    public StatusPublisher(WorkerKafkaClients clients, TopicCatalog catalog) {
        this(clients.template(), catalog, clients.sendTimeout());
    }

    public StatusPublisher(KafkaOperations<byte[], byte[]> template, TopicCatalog catalog, Duration sendTimeout) {
        this.template = template;
        this.topic = catalog.status();
        this.sendTimeout = sendTimeout;
    }

    public CompletableFuture<?> publish(StatusEvent event) {
        String key = event.itemId().toString();
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
        int partition = StatusPartitioning.partitionOf(event.batchId(), partitions());
        return template.send(new ProducerRecord<>(topic.name(), partition, keyBytes, value));
    }

    private int partitions() {
        int known = partitions;
        if (known == 0) {
            known = template.partitionsFor(topic.name()).size();
            partitions = known;
        }
        return known;
    }

    /** Waits until every send is acknowledged; a failed send fails the attempt (it is then retried). */
    public void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing status events", e);
        } catch (ExecutionException e) {
            log.warn("Status event not published, the attempt will be repeated: {}", e.getCause().toString());
            throw new KafkaException("status event not published: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            log.warn("Status event not acknowledged within {} ms, the attempt will be repeated", sendTimeout.toMillis());
            throw new KafkaException("status event not acknowledged within " + sendTimeout.toMillis() + " ms", e);
        }
    }

    public void publishAndWait(StatusEvent event) {
        awaitAll(List.of(publish(event)));
    }
}
