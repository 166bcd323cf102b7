package io.genfleet.testing;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Json;
import io.genfleet.common.kafka.CommittedReads;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicProvisioner;
import io.genfleet.common.topic.TopicSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Dead letters and status events as the worker writes them, on topics of their own prefix on the test broker:
 * the replay tools' inputs without a worker.
 */
public final class DeadLetterFixture implements AutoCloseable {

    /** What the storyboard passed to the provider: a requeue or a replay must carry it on. */
    public static final java.util.Map<String, Object> PARAMS = java.util.Map.of("seed", 7, "quality", "high");
    public static final String IMAGE_URI = "https://cdn.example.com/start.png";

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public final TopicCatalog catalog;
    private final KafkaProducer<String, byte[]> producer;

    public DeadLetterFixture() {
        String prefix = "rp-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TopicSettings settings = new TopicSettings(prefix, 3, (short) 1, true,
                List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)));
        try (Admin admin = Admin.create(clientProperties())) {
            new TopicProvisioner(admin, settings).provision();
        }
        this.catalog = settings.catalog();
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    }

    /** What the worker leaves behind for an item whose epoch failed: the dead letter, then failed_permanent. */
    public DeadLetterRef failedPermanent(ItemId id, int epoch, int priorAttempts, int attempts, ErrorType type) {
        GenerationRequest request = new GenerationRequest(GenerationRequest.SCHEMA_VERSION, id.batchId(),
                id.itemKey().toString(), "prompt of " + id.itemKey(), epoch, priorAttempts,
                new Simulation(100, type, 5), Instant.parse("2025-05-01T10:00:00Z"), null, PARAMS, IMAGE_URI);
        DeadLetterRef ref = deadLetter(request, attempts, type);
        if (epoch == 0) {
            status(StatusEvent.pending(id, 0, Instant.now()));
        }
        status(StatusEvent.failedPermanent(id, epoch, attempts, Instant.now(), new ItemError(type, "simulated " + type),
                ref));
        return ref;
    }

    public DeadLetterRef deadLetter(GenerationRequest request, int attempts, ErrorType type) {
        String topic = catalog.deadLetter(request.lane());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, request.itemId().toString(),
                Json.write(request));
        record.headers().add(ChainHeaders.ATTEMPTS, ascii(Integer.toString(attempts)));
        record.headers().add(ChainHeaders.ERROR_TYPE, ascii(type.wireName()));
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, ascii("simulated " + type + " failure"));
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, ascii(catalog.requests(request.lane()).name()));
        RecordMetadata metadata = send(record);
        return new DeadLetterRef(metadata.topic(), metadata.partition(), metadata.offset());
    }

    public void status(StatusEvent event) {
        send(new ProducerRecord<>(catalog.status().name(), StatusPartitioning.partitionOf(event.batchId(),
                producer.partitionsFor(catalog.status().name()).size()), event.itemId().toString(), Json.write(event)));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every committed record of the topic whose key starts with {@code {batchId}/}. */
    public List<ConsumerRecord<String, byte[]>> committed(String topic, String batchId) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(
                CommittedReads.consumerConfig(clientProperties(), "replay-fixture"))) {
            List<TopicPartition> partitions = CommittedReads.partitions(consumer, topic, TIMEOUT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CommittedReads.readToEnd(consumer, partitions, TIMEOUT, record -> {
                if (record.key() != null && record.key().startsWith(batchId + "/")) {
                    records.add(record);
                }
            });
        }
        return records;
    }

    /** End offsets (as read_committed readers see them) of the topics, to show that nothing was written. */
    public Map<TopicPartition, Long> endOffsets(String... topics) {
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(
                CommittedReads.consumerConfig(clientProperties(), "replay-fixture"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(CommittedReads.partitions(consumer, topic, TIMEOUT));
            }
            return consumer.endOffsets(partitions, TIMEOUT);
        }
    }

    public List<GenerationRequest> requests(Lane lane, String batchId) {
        return committed(catalog.requests(lane).name(), batchId).stream()
                .map(r -> catalog.requests(lane).valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    public List<StatusEvent> statusEvents(String batchId) {
        return committed(catalog.status().name(), batchId).stream()
                .map(r -> catalog.status().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
