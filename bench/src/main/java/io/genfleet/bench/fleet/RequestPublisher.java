package io.genfleet.bench.fleet;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes image requests straight to the lane topic (what the producer service writes), for worker-only fleets. */
public final class RequestPublisher {

    private RequestPublisher() {
    }

    /** Items {@code scene_{i}_shot_{j}} like {@link Storyboards#shots}, acknowledged before this returns. */
    public static List<ItemId> publish(String bootstrapServers, TopicCatalog catalog, String batchId, int items,
                                       Simulation simulate) {
        TopicSpec<String, GenerationRequest> topic = catalog.requests(Lane.IMAGE);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        awaitServed(bootstrapServers, topic.name());
        List<ItemId> ids = new ArrayList<>(items);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(items);
            Instant now = Instant.now();
            for (int i = 0; i < items; i++) {
                ItemId id = ItemId.of(batchId, Storyboards.shotKey(i));
                ids.add(id);
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(),
                        GenerationRequest.first(id, "bench shot " + i, simulate, now));
                sends.add(producer.send(new ProducerRecord<>(topic.name(), id.toString().getBytes(StandardCharsets.UTF_8),
                        value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish requests to " + topic.name(), e);
        }
        return ids;
    }

    /**
     * Waits until the broker serves every partition of a topic the fleet has just created. Producing into a
     * partition in the moment its leader is being created once left this idempotent producer retrying
     * OUT_OF_ORDER_SEQUENCE_NUMBER for good (seen here on the embedded broker); listing the end offsets
     * succeeds only once the leader has the partition.
     */
    public static void awaitServed(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }
}
