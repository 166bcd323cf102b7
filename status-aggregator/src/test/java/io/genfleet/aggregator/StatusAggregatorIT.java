package io.genfleet.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator application against the real test broker: status events in, HTTP answers out. The context
 * is closed after the class so that Streams shuts down while the shared broker is still up.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = StatusAggregatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusAggregatorIT {

    private static final Logger log = LoggerFactory.getLogger(StatusAggregatorIT.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String READ_KEY = "aggregator-it-read-key-0123";
    private static final String PREFIX = "it-aggregator-" + RUN + ".";
    private static final Path STATE_DIR = stateDir();
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.000Z");
    private static final ItemError TRANSIENT = new ItemError(ErrorType.TRANSIENT, "provider answered 503");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TopicCatalog catalog;

    @Autowired
    AggregatorStreams streams;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> PREFIX);
        registry.add("genfleet.topics.partitions", () -> 3);
        registry.add("spring.kafka.streams.application-id", () -> "genfleet-status-aggregator-it-" + RUN);
        registry.add("genfleet.aggregator.state-dir", STATE_DIR::toString);
        registry.add("genfleet.aggregator.stream-interval", () -> "100ms");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("genfleet.api-keys", () -> READ_KEY + "=read");
    }

    @Test
    void publishedStatusEventsAreServedAsSummaryItemsAndHistory() throws Exception {
        String batch = "it-" + RUN + "-a";
        ItemId image = ItemId.of(batch, "scene_0");
        ItemId shot = ItemId.of(batch, "scene_1_shot_0");
        ItemId video = ItemId.of(batch, "video_scene_0");
        publish(StatusEvent.pending(image, 0, T0), StatusEvent.pending(shot, 0, T0), StatusEvent.pending(video, 0, T0),
                StatusEvent.generating(image, 0, 1, at(100)),
                StatusEvent.complete(image, 0, 1, at(900), "sim://" + batch + "/scene_0/0-1.png"),
                StatusEvent.generating(video, 0, 1, at(200)),
                StatusEvent.failed(video, 0, 1, at(300), TRANSIENT, at(2300)),
                StatusEvent.generating(video, 0, 2, at(2400)),
                // a duplicate, as at-least-once delivery may produce
                StatusEvent.generating(video, 0, 2, at(2400)));

        // Expected: image complete, shot pending, video generating (attempt 2); one retry so far.
        JsonNode summary = awaitJson("/api/batches/" + batch,
                body -> body.get("counts").get("complete").asInt() == 1 && body.get("counts").get("generating").asInt() == 1);
        assertThat(summary.get("batchId").asString()).isEqualTo(batch);
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("counts").get("pending").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("failed").asInt()).isZero();
        assertThat(summary.get("counts").get("failed_permanent").asInt()).isZero();
        assertThat(summary.get("retries").asInt()).isEqualTo(1);
        assertThat(summary.get("progress").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.get("done").asBoolean()).isFalse();
        assertThat(summary.get("updatedAt").asString()).isEqualTo("2025-03-01T12:00:02.400Z");

        JsonNode items = json(get("/api/batches/" + batch + "/items"));
        assertThat(items.size()).isEqualTo(3);
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.get("itemKey").asString()));
        assertThat(keys).containsExactly("scene_0", "video_scene_0", "scene_1_shot_0");
        JsonNode first = items.get(0);
        assertThat(first.get("kind").asString()).isEqualTo("image");
        assertThat(first.get("status").asString()).isEqualTo("complete");
        assertThat(first.get("resultUri").asString()).isEqualTo("sim://" + batch + "/scene_0/0-1.png");
        assertThat(first.get("lastError").isNull()).isTrue();
        JsonNode videoItem = items.get(1);
        assertThat(videoItem.get("kind").asString()).isEqualTo("video");
        assertThat(videoItem.get("attempt").asInt()).isEqualTo(2);
        assertThat(videoItem.get("lastError").get("type").asString()).isEqualTo("transient");

        JsonNode detail = json(get("/api/batches/" + batch + "/items/video_scene_0"));
        assertThat(detail.get("status").asString()).isEqualTo("generating");
        JsonNode history = detail.get("history");
        assertThat(history.size()).isEqualTo(4);
        assertThat(history.get(2).get("status").asString()).isEqualTo("failed");
        assertThat(history.get(2).get("at").asString()).isEqualTo("2025-03-01T12:00:00.300Z");
        assertThat(history.get(2).get("nextRetryAt").asString()).isEqualTo("2025-03-01T12:00:02.300Z");
        assertThat(history.get(2).get("error").get("message").asString()).isEqualTo("provider answered 503");
        assertThat(history.get(0).has("error")).isFalse();

        assertThat(get("/api/batches/it-" + RUN + "-unknown").statusCode()).isEqualTo(404);
        assertThat(get("/api/batches/" + batch + "/items/scene_7").statusCode()).isEqualTo(404);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
    }

    @Test
    void unreadableStatusRecordGoesToTheDeadLetterTopicAndLaterEventsStillCount() throws Exception {
        String batch = "it-" + RUN + "-b";
        ItemId item = ItemId.of(batch, "scene_0");
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>(catalog.status().name(), item.toString(),
                    "{\"schemaVersion\":1,\"broken".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        publish(StatusEvent.pending(item, 0, T0));

        awaitJson("/api/batches/" + batch, body -> body.get("counts").get("pending").asInt() == 1);
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            consumer.subscribe(List.of(catalog.statusDeadLetter()));
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).alias("the unreadable record reaches " + catalog.statusDeadLetter())
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                        return dead.stream().anyMatch(r -> item.toString().equals(r.key()));
                    });
            ConsumerRecord<String, byte[]> record = dead.stream().filter(r -> item.toString().equals(r.key()))
                    .findFirst().orElseThrow();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"broken");
            assertThat(new String(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                    StandardCharsets.UTF_8)).startsWith("invalid StatusEvent JSON");
            assertThat(new String(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(),
                    StandardCharsets.UTF_8)).isEqualTo(catalog.status().name());
        }
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("genfleet_status_dead_letters_total 1.0")
                .contains("genfleet_streams_state{state=\"running\"} 1.0")
                .contains("genfleet_status_event_lag_seconds_count");
    }

    @Test
    void streamSendsItemAndSummaryEventsUntilTheBatchIsDoneThenEnds() throws Exception {
        String batch = "it-" + RUN + "-c";
        ItemId item = ItemId.of(batch, "scene_0");
        publish(StatusEvent.pending(item, 0, T0));
        awaitJson("/api/batches/" + batch, body -> body.get("total").asInt() == 1);

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/batches/" + batch + "/stream"))
                .header("Authorization", "Bearer " + READ_KEY)
                .header("Accept", "text/event-stream").build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        try {
            // Async: when the response has already arrived, thenAccept would read the endless stream on this
            // thread, and the events that end it would never be published (the test hung here once).
            var ended = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(20)).alias("a first summary event")
                    .until(() -> dataOf(lines, "summary").stream().anyMatch(d -> d.contains("\"pending\":1")));

            publish(StatusEvent.generating(item, 0, 1, at(10)), StatusEvent.complete(item, 0, 1, at(20), "sim://r.png"));

            await().atMost(Duration.ofSeconds(20)).alias("a final summary event with done=true")
                    .until(() -> dataOf(lines, "summary").stream().anyMatch(d -> d.contains("\"done\":true")));
            assertThat(dataOf(lines, "item")).anyMatch(d -> d.contains("\"status\":\"complete\"")
                    && d.contains("\"itemKey\":\"scene_0\""));
            List<String> summaries = dataOf(lines, "summary");
            JsonNode last = Json.mapper().readTree(summaries.get(summaries.size() - 1));
            assertThat(last.get("counts").get("complete").asInt()).isEqualTo(1);
            assertThat(last.get("progress").asDouble()).isEqualTo(1.0);

            // Done: an end event after the last summary, then the server closes the stream (no heartbeats).
            await().atMost(Duration.ofSeconds(10)).alias("the server ends the stream").until(ended::isDone);
            assertThat(lines.subList(lines.lastIndexOf("event:summary"), lines.size()))
                    .contains("event:end", "data:{\"batchId\":\"" + batch + "\",\"done\":true}");
            assertThat(lines).doesNotContain(":heartbeat");
        } finally {
            response.cancel(true);
        }
    }

    @Test
    void restartKeepsTheStoresAndAnswersUnavailableMeanwhile() throws Exception {
        String batch = "it-" + RUN + "-d";
        ItemId item = ItemId.of(batch, "scene_0");
        ItemId other = ItemId.of(batch, "scene_1");
        publish(StatusEvent.pending(item, 0, T0), StatusEvent.pending(other, 0, T0),
                StatusEvent.generating(item, 0, 1, at(10)));
        awaitJson("/api/batches/" + batch, body -> body.get("counts").get("generating").asInt() == 1);

        streams.stop();
        try {
            HttpResponse<String> stopped = get("/api/batches/" + batch);
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.headers().firstValue("Retry-After")).contains("1");
            assertThat(stopped.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        } finally {
            streams.start();
        }

        // Expected after the restart: the same counts (state dir kept, nothing replayed twice), then one
        // new transition and a duplicate of an old one: complete 1, pending 1, total 2.
        JsonNode restarted = awaitJson("/api/batches/" + batch, body -> body.get("total").asInt() == 2);
        assertThat(restarted.get("counts").get("generating").asInt()).isEqualTo(1);
        publish(StatusEvent.generating(item, 0, 1, at(10)), StatusEvent.complete(item, 0, 1, at(20), "sim://r.png"));
        JsonNode after = awaitJson("/api/batches/" + batch, body -> body.get("counts").get("complete").asInt() == 1);
        assertThat(after.get("total").asInt()).isEqualTo(2);
        assertThat(after.get("counts").get("pending").asInt()).isEqualTo(1);
        assertThat(after.get("counts").get("generating").asInt()).isZero();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void measuresDrainTimeAndFreshness() throws Exception {
        // Drain: 1,000 items x 3 events (pending, generating, complete), published as fast as possible.
        String batch = "it-" + RUN + "-load";
        int items = 1_000;
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ItemId id = ItemId.of(batch, "scene_" + i);
            events.add(StatusEvent.pending(id, 0, T0));
            events.add(StatusEvent.generating(id, 0, 1, at(1)));
            events.add(StatusEvent.complete(id, 0, 1, at(2), "sim://r.png"));
        }
        long start = System.nanoTime();
        publish(events.toArray(StatusEvent[]::new));
        awaitJson("/api/batches/" + batch, body -> body.get("done").asBoolean());
        long drainMillis = (System.nanoTime() - start) / 1_000_000;

        // Freshness: one transition at a time, from send to visible in the summary over HTTP.
        String fresh = "it-" + RUN + "-fresh";
        List<Long> latencies = new ArrayList<>();
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ItemId id = ItemId.of(fresh, "scene_" + i);
            int expected = i + 1;
            long before = System.nanoTime();
            publish(StatusEvent.pending(id, 0, T0));
            long sent = System.nanoTime();
            awaitJson("/api/batches/" + fresh, body -> body.get("total").asInt() == expected);
            latencies.add((System.nanoTime() - sent) / 1_000_000);
            sends.add((sent - before) / 1_000_000);
        }
        log.info("MEASURED freshness samples in order, acked send to visible (ms): {}; producer start + send: {}",
                latencies, sends);
        latencies.sort(null);
        log.info("MEASURED drain of {} events ({} items): {} ms ({} events/s); summary freshness over HTTP "
                        + "p50 {} ms, max {} ms (from the acked send, with 100 ms HTTP polling)",
                events.size(), items, drainMillis, events.size() * 1000L / Math.max(1, drainMillis),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        assertThat(drainMillis).as("drain time of %d events", events.size()).isLessThan(30_000);
        assertThat(json(get("/api/batches/" + batch + "/items")).size()).isEqualTo(items);
    }

    private static List<String> dataOf(List<String> lines, String event) {
        List<String> data = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event:" + event) && lines.get(i + 1).startsWith("data:")) {
                data.add(lines.get(i + 1).substring("data:".length()));
            }
        }
        return data;
    }

    private JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).alias("GET " + path)
                .until(() -> {
                    HttpResponse<String> response = get(path);
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    last[0] = json(response);
                    return condition.test(last[0]);
                });
        return last[0];
    }

    private void publish(StatusEvent... events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, StatusEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                catalog.status().valueSerde().serializer())) {
            for (StatusEvent event : events) {
                // On the batch's partition, as every writer of the status topic does.
                int partition = StatusPartitioning.partitionOf(event.batchId(),
                        producer.partitionsFor(catalog.status().name()).size());
                producer.send(new ProducerRecord<>(catalog.status().name(), partition, event.itemId().toString(), event));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-dlt-reader-" + RUN,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Only what the aggregator's transactions committed.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", READ_KEY)
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** Under target/, so `mvn clean` removes it; never deleted while the Streams app may still use it. */
    private static Path stateDir() {
        try {
            return Files.createDirectories(Path.of("target", "it-state", StatusAggregatorIT.class.getSimpleName() + "-" + RUN))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
