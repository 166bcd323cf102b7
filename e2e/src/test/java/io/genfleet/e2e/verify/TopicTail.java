package io.genfleet.e2e.verify;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the records of partitions in an offset range, read_committed. Also answers "what must a group have committed
 * to have processed everything": the offset after the last DATA record. The end offset is no answer, because a
 * transaction's commit marker takes an offset of its own that consumers never process and spring-kafka (without
 * {@code fixTxOffsets}) never commits past.
 */
public final class TopicTail implements AutoCloseable {

    private static final int TAIL = 200;

    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicTail(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-tail");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The records of {@code partition} with offsets in [from, to), in order. */
    public List<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        if (from >= to) {
            return records;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(partition) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read " + partition + " from " + from + " to " + to
                        + ", stuck at " + consumer.position(partition));
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() < to) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /** Per partition: the offset after its last data record (0 for an empty partition). */
    public Map<TopicPartition, Long> afterLastRecord(Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        endOffsets.forEach((partition, end) -> {
            long from = Math.max(0, end - TAIL);
            List<ConsumerRecord<byte[], byte[]>> tail = read(partition, from, end);
            // A tail of only markers cannot be 200 long here; an empty tail means an empty (or compacted) range.
            targets.put(partition, tail.isEmpty() ? Math.min(from, end) : tail.get(tail.size() - 1).offset() + 1);
        });
        return targets;
    }

    public static Map<TopicPartition, Long> ofTopics(Map<TopicPartition, Long> offsets, Collection<String> topics) {
        Map<TopicPartition, Long> selected = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (topics.contains(partition.topic())) {
                selected.put(partition, offset);
            }
        });
        return selected;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
