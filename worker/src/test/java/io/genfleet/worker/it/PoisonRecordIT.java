package io.genfleet.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import io.genfleet.common.topic.ChainHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Unreadable records on a lane topic go to the dead-letter topic at once, unchanged and with their reason,
 * and the lane goes on: a valid request published after them on the same partition completes. Runs the
 * image lane alone, as a lane-specific deployment does.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "genfleet.worker.lanes=image",
                "genfleet.topics.partitions=" + PoisonRecordIT.PARTITIONS,
                "genfleet.worker.provider.latency-min=10ms",
                "genfleet.worker.provider.latency-max=10ms"})
@DirtiesContext
class PoisonRecordIT {

    static final int PARTITIONS = 2;

    @Autowired
    TopicCatalog catalog;
    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> TestTopics.uniquePrefix("poison"));
    }

    /** An unreadable record and the reason its dead letter must give. */
    record Poison(String name, byte[] key, byte[] value, String reason) {
    }

    @Test
    void unreadableRecordsAreDeadLetteredWithTheirReasonAndTheLaneGoesOn() {
        assertThat(TestTopics.groupsByTopic(context).keySet()).as("only the image lane runs")
                .isNotEmpty().allSatisfy(topic -> assertThat(topic).doesNotContain("video"));
        TestTopics.awaitFullAssignment(context, PARTITIONS);
        String batchId = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        List<Poison> poisons = List.of(
                new Poison("invalid JSON", key(batchId, "scene_0"), utf8("{not json"),
                        "invalid GenerationRequest JSON"),
                new Poison("unknown schemaVersion", key(batchId, "scene_1"),
                        utf8(json(batchId, "scene_1").replace("\"schemaVersion\":1", "\"schemaVersion\":99")),
                        "unknown schemaVersion 99"),
                new Poison("key not an item id", utf8("no-item-here"), utf8(json(batchId, "scene_2")),
                        "invalid record key"),
                new Poison("key and payload differ", key(batchId, "scene_3"), utf8(json(batchId, "scene_4")),
                        "does not match the request's item"),
                new Poison("video item on the image lane", key(batchId, "video_scene_0"),
                        utf8(json(batchId, "video_scene_0")), "belongs to the video lane"));
        String laneTopic = catalog.requests(Lane.IMAGE).name();
        List<RecordMetadata> positions = new ArrayList<>();
        for (Poison poison : poisons) {
            positions.add(TestTopics.publish(laneTopic, 0, poison.key(), poison.value()));
        }
        ItemId valid = ItemId.of(batchId, "scene_9");
        TestTopics.publish(laneTopic, 0, key(batchId, "scene_9"), utf8(json(batchId, "scene_9")));

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("the valid request published after the poison completes", Duration.ofSeconds(30),
                    log -> log.of(valid).stream().anyMatch(e -> e.status() == ItemStatus.COMPLETE));
            await().alias("the dead-letter listener handled every poison record").atMost(Duration.ofSeconds(30))
                    .until(() -> deadLettersCounted() == poisons.size());
            status.poll();
            assertThat(status.all()).as("no status event for a record that names no readable item")
                    .allSatisfy(event -> assertThat(event.itemId()).isEqualTo(valid));
            assertThat(status.of(valid)).extracting(e -> e.status() + "#" + e.attempt())
                    .containsExactly("generating#1", "complete#1");
        }

        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(catalog.deadLetter(Lane.IMAGE));
        assertThat(dead).hasSize(poisons.size());
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            ConsumerRecord<byte[], byte[]> record = dead.stream()
                    .filter(r -> java.util.Arrays.equals(r.value(), poison.value())
                            && java.util.Arrays.equals(r.key(), poison.key()))
                    .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + poison.name()));
            Headers headers = record.headers();
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).as(poison.name())
                    .isEqualTo(InvalidMessageException.class.getName());
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).as(poison.name()).contains(poison.reason());
            assertThat(text(headers, ChainHeaders.ERROR_TYPE)).isEqualTo("invalid_message");
            assertThat(text(headers, ChainHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(laneTopic);
            assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                    .isZero();
            assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                    .isEqualTo(positions.get(i).offset());
            System.out.printf("Poison '%s' dead-lettered: %s%n", poison.name(),
                    text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE));
        }
    }

    private double deadLettersCounted() {
        return meters.find("genfleet.dead.letters").tag("lane", "image").tag("error_type", "invalid_message")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private String json(String batchId, String itemKey) {
        GenerationRequest request = GenerationRequest.first(ItemId.of(batchId, itemKey), "a prompt", null, Instant.now());
        return new String(catalog.requests(request.lane()).valueSerde().serializer().serialize("", request),
                StandardCharsets.UTF_8);
    }

    private static byte[] key(String batchId, String itemKey) {
        return utf8(batchId + "/" + itemKey);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
