package io.genfleet.bench.engines;

import io.genfleet.bench.fleet.BenchTopics;
import io.genfleet.bench.fleet.RequestPublisher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The records of one engine's pass, written to a fresh topic inside a transaction that stays open until
 * {@link #release()}: the engine under test (reading {@code read_committed}, as the worker does) can join its group
 * and settle on an empty topic, and then sees every record at the same moment, as a backlog waiting in Kafka. So
 * neither its start-up nor the producer's pace is part of what is measured.
 */
final class StagedRecords implements AutoCloseable {

    /** About a generation request's size. */
    static final int VALUE_BYTES = 200;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<TopicPartition, Long> endOffsets;
    private boolean released;

    private StagedRecords(KafkaProducer<byte[], byte[]> producer, Map<TopicPartition, Long> endOffsets) {
        this.producer = producer;
        this.endOffsets = Map.copyOf(endOffsets);
    }

    /**
     * Creates {@code topic} and writes {@code records} records to it, record {@code i} (key {@code i}) to partition
     * {@code i % partitions}, so every partition gets the same share and the same records in every pass.
     *
     * @param replicationFactor below 1: the cluster's default
     */
    static StagedRecords stage(String bootstrapServers, String topic, int partitions, int replicationFactor,
                               int records) {
        BenchTopics.create(bootstrapServers, topic, partitions, replicationFactor);
        RequestPublisher.awaitServed(bootstrapServers, topic);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + topic,
                // The transaction stays open while the engine starts and joins its group (seconds; Kafka's 60 s
                // default would do, but a loaded machine must not abort it under the measurement).
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TimeUnit.MINUTES.toMillis(5),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            byte[] value = new byte[VALUE_BYTES];
            Arrays.fill(value, (byte) 'x');
            List<Future<RecordMetadata>> sends = new ArrayList<>(records);
            for (int index = 0; index < records; index++) {
                sends.add(producer.send(new ProducerRecord<>(topic, index % partitions, RecordKeys.key(index), value)));
            }
            producer.flush();
            Map<TopicPartition, Long> endOffsets = new HashMap<>();
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata sent = send.get(60, TimeUnit.SECONDS);
                endOffsets.merge(new TopicPartition(topic, sent.partition()), sent.offset() + 1, Math::max);
            }
            return new StagedRecords(producer, endOffsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            producer.close();
            throw new IllegalStateException("cannot stage the records of " + topic, e);
        }
    }

    /** Commits the transaction: every record becomes visible to the engine at once. */
    void release() {
        producer.commitTransaction();
        released = true;
    }

    /**
     * The offset after each partition's last record: what a group that handled every record commits (the commit
     * marker of the transaction sits there, and is never a record to handle).
     */
    Map<TopicPartition, Long> endOffsets() {
        return endOffsets;
    }

    @Override
    public void close() {
        try {
            if (!released) {
                producer.abortTransaction();
            }
        } catch (RuntimeException e) {
            // Closing the producer aborts it anyway.
        } finally {
            producer.close();
        }
    }
}
