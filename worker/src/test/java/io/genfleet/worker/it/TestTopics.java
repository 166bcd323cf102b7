package io.genfleet.worker.it;

import static org.awaitility.Awaitility.await;

import io.genfleet.testing.TestKafka;
import io.genfleet.worker.inflight.LaneLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.ApplicationContext;

/** Plain Kafka clients for broker tests: publish raw records, read whole topics, wait for assignments. */
final class TestTopics {

    private TestTopics() {
    }

    /** A topic prefix no other test class (or earlier run against the same cluster) uses. */
    static String uniquePrefix(String name) {
        return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /**
     * Waits until every topic loop of the worker holds all partitions of its topic: a fresh group often starts
     * with only some members, and a late rebalance would stall the records published now.
     */
    static void awaitFullAssignment(ApplicationContext context, int partitionsPerTopic) {
        LaneLoops lanes = context.getBean(LaneLoops.class);
        await().alias("every topic loop owns all " + partitionsPerTopic + " partitions of its topic")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !lanes.assignedPartitions().isEmpty() && lanes.assignedPartitions().values().stream()
                        .allMatch(count -> count == partitionsPerTopic));
    }

    /** The consumer group of every topic the worker consumes. */
    static Map<String, String> groupsByTopic(ApplicationContext context) {
        return context.getBean(LaneLoops.class).groupIds();
    }

    static RecordMetadata publish(String topic, Integer partition, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Publishes many records with one producer, in order, and waits for all of them. */
    static void publishAll(String topic, List<byte[][]> keysAndValues) {
        publishAll(topic, null, keysAndValues);
    }

    /** The same to one partition (null: by key); returns where each record landed, in order. */
    static List<RecordMetadata> publishAll(String topic, Integer partition, List<byte[][]> keysAndValues) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
            for (byte[][] keyAndValue : keysAndValues) {
                sends.add(producer.send(new ProducerRecord<>(topic, partition, keyAndValue[0], keyAndValue[1])));
            }
            List<RecordMetadata> positions = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> send : sends) {
                positions.add(send.get(30, TimeUnit.SECONDS));
            }
            return positions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Every record of the topic, up to its end offsets at the time of the call. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The number of records the topic holds (its end offsets summed; topics are fresh per test class). */
    static long size(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A read_committed consumer, as every genfleet reader is. */
    static KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
