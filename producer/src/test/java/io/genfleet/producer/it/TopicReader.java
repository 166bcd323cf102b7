package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning to its end, as a read_committed or read_uncommitted reader sees it. */
public final class TopicReader {

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Every record visible at the given isolation level, up to the end offset at the start of the read
     * (for read_committed that is the last stable offset: records of open transactions are not included).
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, IsolationLevel isolation) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + end + " in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Records whose key belongs to the batch. */
    public List<ConsumerRecord<String, byte[]>> readBatch(String topic, IsolationLevel isolation, String batchId) {
        return readAll(topic, isolation).stream().filter(r -> r.key().startsWith(batchId + "/")).toList();
    }

    /**
     * Waits until the batch's records are visible to read_committed readers, then returns exactly those (so
     * duplicates would show as a size above {@code expected}).
     */
    public List<ConsumerRecord<String, byte[]>> awaitCommitted(String topic, String batchId, int expected) {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .alias(expected + " committed records of " + batchId + " on " + topic)
                .until(() -> readBatch(topic, IsolationLevel.READ_COMMITTED, batchId), r -> r.size() >= expected);
        assertThat(records).as("records of %s on %s", batchId, topic).hasSize(expected);
        return records;
    }

    /**
     * True when no transaction is open on the topic: the last stable offset (what read_committed readers may
     * read up to) has caught up with the high watermark on every partition. After that, what read_committed
     * readers see of the records written so far can no longer change.
     */
    public boolean noOpenTransaction(String topic) {
        try (KafkaConsumer<String, byte[]> committed = consumer(IsolationLevel.READ_COMMITTED);
             KafkaConsumer<String, byte[]> uncommitted = consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<TopicPartition> partitions = partitions(committed, topic);
            committed.assign(partitions);
            uncommitted.assign(partitions);
            return committed.endOffsets(partitions).equals(uncommitted.endOffsets(partitions));
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer(IsolationLevel isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
