package io.genfleet.e2e.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Finds records by key in dead-letter topics, from offsets captured before they were sent there. */
public final class DeadLetters {

    /**
     * A dead letter as found: where, when this reader saw it (the record keeps the timestamp of the original, so it
     * cannot say when it was dead-lettered), and why (the reason header).
     */
    public record Found(String topic, String key, Instant seenAt, Optional<String> reason, Optional<String> errorType) {
    }

    private DeadLetters() {
    }

    /**
     * Reads the given partitions from the given offsets until every (topic, key) of {@code wanted} is found or
     * {@code atMost} passes; returns what was found.
     */
    public static Map<String, Found> find(String bootstrapServers, Map<TopicPartition, Long> from,
                                          Set<String> wanted, Duration atMost) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-dead-letters");
        Map<String, Found> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(new ArrayList<>(from.keySet()));
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!found.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = id(record.topic(), record.key());
                    if (wanted.contains(id)) {
                        found.putIfAbsent(id, new Found(record.topic(), record.key(), Instant.now(),
                                header(record, "kafka_dlt-exception-message"), header(record, "genfleet-error-type")));
                    }
                }
            }
        }
        return found;
    }

    public static String id(String topic, String key) {
        return topic + " " + key;
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static List<TopicPartition> partitions(List<String> topics, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                all.add(new TopicPartition(topic, partition));
            }
        }
        return all;
    }
}
