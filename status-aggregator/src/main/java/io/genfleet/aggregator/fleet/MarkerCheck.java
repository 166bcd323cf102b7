package io.genfleet.aggregator.fleet;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Tells whether a partition's few uncommitted offsets hold records or only transaction markers. Submissions and
 * requeues are written in transactions, and each commit leaves a marker that takes an offset; a consumer that
 * finished every record commits the offset after its last record, before the marker. End minus committed then
 * shows 1 per partition on an idle fleet. Reading from the committed offset shows which it is.
 */
class MarkerCheck {

    /** Partitions whose end is at most this far ahead are checked; a real backlog is not worth a read. */
    static final long SUSPECT_GAP = 3;
    private static final Duration READ_WAIT = Duration.ofMillis(500);

    private final Map<String, Object> config;

    MarkerCheck(Map<String, Object> consumerConfig) {
        this.config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Markers and aborted records are skipped by a read_committed consumer: what is left is work.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "genfleet-status-aggregator-fleet-lag");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    }

    /** The records (not markers) between each partition's committed offset and its end, for suspect partitions. */
    Map<TopicPartition, Long> recordsBetween(Map<TopicPartition, long[]> committedAndEnd) {
        Map<TopicPartition, Long> records = new HashMap<>();
        if (committedAndEnd.isEmpty()) {
            return records;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Map.Entry<TopicPartition, long[]> entry : committedAndEnd.entrySet()) {
                TopicPartition partition = entry.getKey();
                long from = entry.getValue()[0];
                long end = entry.getValue()[1];
                consumer.assign(List.of(partition));
                consumer.seek(partition, from);
                long count = 0;
                long deadline = System.nanoTime() + READ_WAIT.toNanos();
                while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                    count += consumer.poll(Duration.ofMillis(50)).count();
                }
                // Not read to the end in time: keep the plain difference rather than guess low.
                records.put(partition, consumer.position(partition) < end ? end - from : count);
            }
        }
        return records;
    }
}
