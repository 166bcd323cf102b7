package io.genfleet.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The readers of the replay tools: assigned consumers (no group, nothing committed) over the common client
 * settings ({@code spring.kafka.*} in the services, the CLI's connection options), reading only committed data.
 */
public final class CommittedReads {

    private static final Duration POLL = Duration.ofMillis(100);

    private CommittedReads() {
    }

    public static Map<String, Object> consumerConfig(Map<String, Object> base, String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        // Assigned partitions, positions kept in memory: no group, no offsets to commit.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Claims, requeues and status events are written in transactions: an aborted one must not count, and a
        // claim is decided only once every transaction before it in the log has ended.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics are created by the provisioner; a typo in a prefix must fail, not create a topic.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    public static KafkaConsumer<String, byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every partition of the topic; fails when the topic does not exist. */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (create it with 'genfleet topics "
                    + "create' or genfleet.topics.create=true)");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /**
     * Reads the assigned partitions from their current positions up to the end offsets taken at the start
     * (for read_committed: the last stable offset) and hands every record to {@code sink}.
     */
    public static void readToEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                 Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        readUntil(consumer, end, timeout, sink);
    }

    /** Reads until every partition's position reaches its target offset. */
    public static void readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> targets,
                                 Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, targets)) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("could not read " + targets.keySet()
                        + " up to " + targets + " within " + timeout.toMillis() + " ms");
            }
            consumer.poll(POLL).forEach(sink);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }
}
