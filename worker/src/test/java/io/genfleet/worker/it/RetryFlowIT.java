package io.genfleet.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import io.genfleet.worker.provider.PermanentGenerationException;
import io.genfleet.worker.provider.RetryableGenerationException;
import io.genfleet.common.topic.ChainHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * One batch through the real retry chain on a real broker: items that fail 0..4 times, one that fails
 * permanently, and a video that is rate-limited once. Asserts the status events of every item, the
 * measured delays (never early, at most 1 s late) and the dead letters (headers and original bytes).
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "genfleet.topics.partitions=" + RetryFlowIT.PARTITIONS,
                "genfleet.worker.provider.latency-min=20ms",
                "genfleet.worker.provider.latency-max=20ms",
                "genfleet.worker.provider.timeout=5s"})
@DirtiesContext
class RetryFlowIT {

    static final int PARTITIONS = 2;
    private static final Duration MAX_LATENESS = Duration.ofSeconds(1);

    @Autowired
    TopicCatalog catalog;
    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;
    @Autowired
    WorkerKafkaClients clients;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> TestTopics.uniquePrefix("retry"));
    }

    /**
     * @param key      the item key
     * @param simulate its simulated behaviour
     * @param attempts the attempts it gets in epoch 0
     * @param end      its terminal status
     * @param error    the error of its failed attempts
     */
    record Case(String key, Simulation simulate, int attempts, ItemStatus end, ErrorType error) {
    }

    private static final List<Case> CASES = List.of(
            new Case("scene_0", new Simulation(0, null, null), 1, ItemStatus.COMPLETE, null),
            new Case("scene_1", new Simulation(1, null, null), 2, ItemStatus.COMPLETE, ErrorType.TRANSIENT),
            new Case("scene_2", new Simulation(2, ErrorType.TIMEOUT, null), 3, ItemStatus.COMPLETE, ErrorType.TIMEOUT),
            new Case("scene_3", new Simulation(3, null, null), 4, ItemStatus.COMPLETE, ErrorType.TRANSIENT),
            new Case("scene_4", new Simulation(4, null, null), 4, ItemStatus.FAILED_PERMANENT, ErrorType.TRANSIENT),
            new Case("scene_5", new Simulation(1, ErrorType.PERMANENT, null), 1, ItemStatus.FAILED_PERMANENT,
                    ErrorType.PERMANENT),
            new Case("video_scene_0", new Simulation(1, ErrorType.RATE_LIMITED, null), 2, ItemStatus.COMPLETE,
                    ErrorType.RATE_LIMITED));

    /** What was published for an item: where it landed and its exact bytes. */
    record Published(RecordMetadata metadata, byte[] value) {
    }

    @Test
    void eachTopicOfBothLaneChainsHasItsOwnConsumerGroup() {
        Map<String, String> groupByTopic = TestTopics.groupsByTopic(context);
        Map<String, String> expected = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            String group = "genfleet-worker-" + lane.wireName();
            String laneTopic = catalog.requests(lane).name();
            expected.put(laneTopic, group);
            catalog.retries(lane).forEach(topic -> expected.put(topic, group + topic.substring(laneTopic.length())));
            expected.put(catalog.deadLetter(lane), group + "-dlt");
        }
        assertThat(groupByTopic).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(expected).containsValue("genfleet-worker-video-retry-8000");
    }

    @Test
    void everyConsumerPublishesKafkaClientMetricsUnderAClientIdNamingItsLaneAndTopic() {
        TestTopics.awaitFullAssignment(context, PARTITIONS);
        List<String> expected = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            String prefix = "genfleet-worker-" + lane.wireName();
            String laneTopic = catalog.requests(lane).name();
            expected.add(prefix + "-0");
            catalog.retries(lane).forEach(topic -> expected.add(prefix + topic.substring(laneTopic.length()) + "-0"));
            expected.add(prefix + "-dlt-0");
        }

        // The dashboards read lane and tier from client_id; the idle-lane alert sums assigned-partitions per lane.
        Map<String, Double> assigned = new LinkedHashMap<>();
        meters.find("kafka.consumer.coordinator.assigned.partitions").gauges()
                .forEach(gauge -> assigned.put(gauge.getId().getTag("client.id"), gauge.value()));
        assertThat(assigned).containsOnlyKeys(expected);
        assertThat(assigned).allSatisfy((client, partitions) ->
                assertThat(partitions).as("partitions held by %s", client).isEqualTo(PARTITIONS));
        clients.template().partitionsFor(catalog.status().name()); // the producer is created on first use
        assertThat(meters.getMeters()).as("the worker's producer is bound too")
                .anySatisfy(meter -> {
                    assertThat(meter.getId().getName()).startsWith("kafka.producer.");
                    assertThat(meter.getId().getTag("spring.id")).startsWith("workerProducerFactory.");
                });
    }

    @Test
    void retriesWithTheConfiguredDelaysThenCompletesOrDeadLetters() {
        TestTopics.awaitFullAssignment(context, PARTITIONS);
        String batchId = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        Map<Case, Published> published = new LinkedHashMap<>();
        for (Case c : CASES) {
            ItemId id = ItemId.of(batchId, c.key());
            GenerationRequest request = GenerationRequest.first(id, "a prompt for " + c.key(), c.simulate(), Instant.now());
            byte[] value = catalog.requests(request.lane()).valueSerde().serializer().serialize("", request);
            RecordMetadata metadata = TestTopics.publish(catalog.requests(request.lane()).name(), null,
                    id.toString().getBytes(StandardCharsets.UTF_8), value);
            published.put(c, new Published(metadata, value));
        }

        try (StatusLog status = new StatusLog(catalog)) {
            // 2 s + 4 s + 8 s of delays at the least; a generous bound for a loaded machine.
            status.awaitUntil("every item is terminal", Duration.ofSeconds(60),
                    log -> CASES.stream().allMatch(c -> log.terminal(ItemId.of(batchId, c.key()))));
            status.poll();

            List<String> gapReport = new ArrayList<>();
            for (Case c : CASES) {
                ItemId id = ItemId.of(batchId, c.key());
                List<StatusEvent> events = status.of(id);
                assertThat(events).extracting(e -> e.status() + "#" + e.attempt())
                        .as("the status events of %s, in order, without duplicates", id)
                        .containsExactlyElementsOf(expectedSequence(c));
                assertFailedEvents(c, events);
                assertDelays(c, events, gapReport);
                StatusEvent last = events.get(events.size() - 1);
                assertThat(last.epoch()).isZero();
                if (c.end() == ItemStatus.COMPLETE) {
                    String extension = id.itemKey().lane() == Lane.VIDEO ? ".mp4" : ".png";
                    assertThat(last.resultUri()).isEqualTo("sim://" + id + "/0-" + c.attempts() + extension);
                } else {
                    assertThat(last.error().type()).isEqualTo(c.error());
                    assertThat(last.deadLetter()).isNotNull();
                    assertThat(last.deadLetter().topic()).isEqualTo(catalog.deadLetter(Lane.IMAGE));
                }
            }
            System.out.println("Measured retry delays (failed event -> next generating event):");
            gapReport.forEach(line -> System.out.println("  " + line));
            assertDeadLetters(batchId, published, status);
        }
        assertThat(meters.find("genfleet.retries.early").counters()).as("no retry may start early")
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    private static List<String> expectedSequence(Case c) {
        List<String> sequence = new ArrayList<>();
        for (int attempt = 1; attempt <= c.attempts(); attempt++) {
            sequence.add("generating#" + attempt);
            if (attempt < c.attempts()) {
                sequence.add("failed#" + attempt);
            }
        }
        sequence.add(c.end().wireName() + "#" + c.attempts());
        return sequence;
    }

    private void assertFailedEvents(Case c, List<StatusEvent> events) {
        for (StatusEvent failed : events.stream().filter(e -> e.status() == ItemStatus.FAILED).toList()) {
            Duration delay = catalog.delayAfter(failed.attempt()).orElseThrow();
            assertThat(failed.error().type()).isEqualTo(c.error());
            assertThat(Duration.between(failed.at(), failed.nextRetryAt()))
                    .as("nextRetryAt of attempt %d is the failure time plus the delay", failed.attempt())
                    .isEqualTo(delay);
        }
    }

    private void assertDelays(Case c, List<StatusEvent> events, List<String> report) {
        for (int i = 0; i < events.size(); i++) {
            StatusEvent failed = events.get(i);
            if (failed.status() != ItemStatus.FAILED) {
                continue;
            }
            StatusEvent next = events.get(i + 1);
            Duration planned = catalog.delayAfter(failed.attempt()).orElseThrow();
            Duration actual = Duration.between(failed.at(), next.at());
            Duration late = actual.minus(planned);
            report.add(String.format("%-14s attempt %d -> %d: planned %5d ms, actual %5d ms, late %4d ms", c.key(),
                    failed.attempt(), next.attempt(), planned.toMillis(), actual.toMillis(), late.toMillis()));
            assertThat(next.status()).isEqualTo(ItemStatus.GENERATING);
            assertThat(actual).as("retry of %s attempt %d is never early", c.key(), failed.attempt())
                    .isGreaterThanOrEqualTo(planned);
            assertThat(late).as("retry of %s attempt %d is at most %s late", c.key(), failed.attempt(), MAX_LATENESS)
                    .isLessThanOrEqualTo(MAX_LATENESS);
        }
    }

    private void assertDeadLetters(String batchId, Map<Case, Published> published, StatusLog status) {
        assertThat(TestTopics.size(catalog.deadLetter(Lane.VIDEO))).isZero();
        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(catalog.deadLetter(Lane.IMAGE));
        assertThat(dead).as("exactly the two dead items").hasSize(2);
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            ItemId id = ItemId.parse(new String(record.key(), StandardCharsets.UTF_8));
            Case c = CASES.stream().filter(k -> k.key().equals(id.itemKey().toString())).findFirst().orElseThrow();
            Published origin = published.get(c);
            Headers headers = record.headers();
            assertThat(id.batchId()).isEqualTo(batchId);
            assertThat(record.value()).as("the dead letter keeps the original bytes").isEqualTo(origin.value());
            assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(catalog.requests(Lane.IMAGE).name());
            assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                    .isEqualTo(origin.metadata().partition());
            assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                    .isEqualTo(origin.metadata().offset());
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(c.error().isRetryable()
                    ? RetryableGenerationException.class.getName() : PermanentGenerationException.class.getName());
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .startsWith("simulated " + c.error() + " failure of " + id);
            assertThat(text(headers, ChainHeaders.ATTEMPTS)).isEqualTo(Integer.toString(c.attempts()));
            assertThat(text(headers, ChainHeaders.ERROR_TYPE)).isEqualTo(c.error().wireName());
            assertThat(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).as("no stack trace").isNull();
            assertThat(headers.headers(ChainHeaders.ATTEMPTS)).as("one attempts header, not one per hop")
                    .hasSize(1);
            StatusEvent permanent = status.of(id).get(status.of(id).size() - 1);
            assertThat(permanent.deadLetter().partition()).isEqualTo(record.partition());
            assertThat(permanent.deadLetter().offset()).isEqualTo(record.offset());
            System.out.printf("Dead letter %s: %d header bytes, %d value bytes%n", id, headerBytes(headers),
                    record.value().length);
        }
    }

    private static String text(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static int headerBytes(Headers headers) {
        int bytes = 0;
        for (var header : headers) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

}
