package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.genfleet.aggregator.StatusAggregatorApplication;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.webhook.Notify;
import io.genfleet.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end in the aggregator against the real test broker and a real HTTP receiver on loopback: status
 * events in, the processor writes delivery records to the webhooks topic in its transaction, the delivery loop posts
 * them signed. A short retry window (100 ms, 200 ms, then 200 ms waits up to 1.5 s) keeps the undeliverable case fast.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = StatusAggregatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryIT {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryIT.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String READ_KEY = "webhook-it-read-key-0123456";
    private static final String SECRET = "webhook-it-secret";
    private static final String PREFIX = "it-webhooks-" + RUN + ".";
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.000Z");
    private static final List<String> ALL_EVENTS = List.of("batch.done", "item.failed_permanent");

    private static HttpServer receiver;
    private static String receiverBase;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per path: how many more requests get 500 before the receiver takes them. */
    private static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TopicCatalog catalog;

    @Autowired
    MeterRegistry meters;

    record Received(String path, String signature, byte[] body, long atNanos) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestBody().readAllBytes(), System.nanoTime()));
            AtomicInteger failures = failuresLeft.get(path);
            exchange.sendResponseHeaders(failures != null && failures.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> PREFIX);
        registry.add("genfleet.topics.partitions", () -> 3);
        registry.add("spring.kafka.streams.application-id", () -> "genfleet-status-aggregator-webhook-it-" + RUN);
        registry.add("genfleet.aggregator.state-dir", WebhookDeliveryIT::stateDir);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("genfleet.api-keys", () -> READ_KEY + "=read");
        registry.add("genfleet.webhooks.secret", () -> SECRET);
        // The receiver is on loopback over http: allowed here only.
        registry.add("genfleet.webhooks.allow-http", () -> "true");
        registry.add("genfleet.webhooks.allow-private-addresses", () -> "true");
        registry.add("genfleet.webhooks.backoff-initial", () -> "100ms");
        registry.add("genfleet.webhooks.backoff-max", () -> "200ms");
        registry.add("genfleet.webhooks.retry-window", () -> "1500ms");
        registry.add("genfleet.webhooks.timeout", () -> "1s");
    }

    @Test
    void batchDoneReachesTheReceiverOnceSignedWithTheFinalCounts() throws Exception {
        String batch = "wh-" + RUN + "-done";
        Notify notify = new Notify(receiverBase + "/done", ALL_EVENTS);
        ItemId image = ItemId.of(batch, "scene_0");
        ItemId failing = ItemId.of(batch, "scene_1");
        publish(StatusEvent.submitted(image, T0, 2, notify), StatusEvent.submitted(failing, T0, 2, notify),
                StatusEvent.generating(image, 0, 1, at(100)),
                StatusEvent.complete(image, 0, 1, at(900), "sim://" + batch + "/scene_0/0-1.png"),
                StatusEvent.failedPermanent(failing, 0, 1, at(1000), new ItemError(ErrorType.PERMANENT, "refused")),
                // a duplicate, as at-least-once delivery may produce: no second event
                StatusEvent.failedPermanent(failing, 0, 1, at(1000), new ItemError(ErrorType.PERMANENT, "refused")));

        List<Received> deliveries = awaitDeliveries("/done", 2);
        // Expected: scene_1 failed for good, and the batch was done (1 complete, 1 failed). Deliveries run in
        // parallel, so the two may arrive in either order.
        JsonNode failed = ofType(deliveries, "item.failed_permanent");
        assertThat(failed.get("type").asString()).isEqualTo("item.failed_permanent");
        assertThat(failed.get("id").asString()).isEqualTo(batch + "/scene_1/item.failed_permanent/0");
        assertThat(failed.get("data").get("itemKey").asString()).isEqualTo("scene_1");
        assertThat(failed.get("data").get("lastError").get("type").asString()).isEqualTo("permanent");
        JsonNode done = ofType(deliveries, "batch.done");
        assertThat(done.get("type").asString()).isEqualTo("batch.done");
        assertThat(done.get("id").asString()).isEqualTo(batch + "/batch.done/" + at(1000).toEpochMilli());
        assertThat(done.get("createdAt").asString()).isEqualTo("2025-03-01T12:00:01.000Z");
        JsonNode summary = done.get("data");
        assertThat(summary.get("batchId").asString()).isEqualTo(batch);
        assertThat(summary.get("total").asInt()).isEqualTo(2);
        assertThat(summary.get("done").asBoolean()).isTrue();
        assertThat(summary.get("counts").get("complete").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("failed_permanent").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("pending").asInt()).isZero();
        WebhookSignature signature = new WebhookSignature(SECRET);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(signature.verifies(delivery.signature(), delivery.body())).as(delivery.signature()).isTrue();
            assertThat(new WebhookSignature("another-secret").verifies(delivery.signature(), delivery.body())).isFalse();
        });
        // Each accepted on the first attempt: nothing more arrives for this receiver (the duplicate event included).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).alias("no further delivery to /done")
                .until(() -> deliveriesTo("/done").size() == 2);
    }

    @Test
    void aReceiverAnswering500ThreeTimesGetsTheSameEventOnTheFourthTry() throws Exception {
        String batch = "wh-" + RUN + "-flaky";
        failuresLeft.put("/flaky", new AtomicInteger(3));
        ItemId image = ItemId.of(batch, "scene_0");
        publish(StatusEvent.submitted(image, T0, 1, new Notify(receiverBase + "/flaky", List.of("batch.done"))),
                StatusEvent.complete(image, 0, 1, at(500), "sim://" + batch + "/scene_0/0-1.png"));

        List<Received> attempts = awaitDeliveries("/flaky", 4);

        // Expected: 3 answers of 500, then 200 on the 4th attempt; one event id throughout, each attempt signed.
        assertThat(attempts).extracting(attempt -> attempt.json().get("id").asString()).containsOnly(
                batch + "/batch.done/" + at(500).toEpochMilli());
        assertThat(attempts).allSatisfy(attempt ->
                assertThat(new WebhookSignature(SECRET).verifies(attempt.signature(), attempt.body())).isTrue());
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gapsMillis.add((attempts.get(i).atNanos() - attempts.get(i - 1).atNanos()) / 1_000_000);
        }
        log.info("MEASURED gaps between the 4 attempts (ms): {} (backoff 100, 200, 200)", gapsMillis);
        assertThat(gapsMillis).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(90));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).alias("no 5th attempt")
                .until(() -> deliveriesTo("/flaky").size() == 4);
        assertThat(meters.counter("genfleet.webhooks.attempts", "type", "batch.done").count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anUnreachableReceiverEndsUndeliverableAfterTheWindowAndTheBatchIsUnaffected() throws Exception {
        String batch = "wh-" + RUN + "-unreachable";
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        double undeliverableBefore = undeliverable();
        ItemId image = ItemId.of(batch, "scene_0");
        publish(StatusEvent.submitted(image, T0, 1, new Notify("http://127.0.0.1:" + closedPort + "/hook",
                        List.of("batch.done"))),
                StatusEvent.complete(image, 0, 1, at(700), "sim://" + batch + "/scene_0/0-1.png"));
        long published = System.nanoTime();

        // Expected: after the window the delivery is a dead letter with its reason; the batch is done as usual.
        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(batch);
        long endedMillis = (System.nanoTime() - published) / 1_000_000;
        log.info("MEASURED unreachable receiver: dead-lettered {} ms after the events were published (window 1.5 s)",
                endedMillis);
        assertThat(endedMillis).isGreaterThanOrEqualTo(1_500);
        assertThat(header(letter, WebhookDeliverer.PROBLEM_HEADER)).contains("ConnectException");
        assertThat(Integer.parseInt(header(letter, WebhookDeliverer.ATTEMPTS_HEADER))).isGreaterThan(1);
        WebhookDelivery delivery = WebhookDelivery.SERDE.read(letter.value());
        assertThat(delivery.event().id()).isEqualTo(batch + "/batch.done/" + at(700).toEpochMilli());
        await().atMost(Duration.ofSeconds(10)).alias("undeliverable metric")
                .until(() -> undeliverable() > undeliverableBefore);
        JsonNode summary = json(get("/api/batches/" + batch));
        assertThat(summary.get("done").asBoolean()).isTrue();
        assertThat(summary.get("counts").get("complete").asInt()).isEqualTo(1);
    }

    private static JsonNode ofType(List<Received> deliveries, String type) {
        List<JsonNode> ofType = deliveries.stream().map(Received::json)
                .filter(json -> json.get("type").asString().equals(type)).toList();
        assertThat(ofType).as(type + " deliveries").hasSize(1);
        return ofType.get(0);
    }

    private double undeliverable() {
        var counter = meters.find("genfleet.webhooks.deliveries").tags("type", "batch.done", "outcome", "undeliverable")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Received> deliveriesTo(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static List<Received> awaitDeliveries(String path, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .alias(count + " deliveries to " + path).until(() -> deliveriesTo(path).size() >= count);
        return deliveriesTo(path);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String batch) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-webhook-dlt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(catalog.webhooksDeadLetter()));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).alias("dead letter of " + batch).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (batch.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void publish(StatusEvent... events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, StatusEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                catalog.status().valueSerde().serializer())) {
            for (StatusEvent event : events) {
                int partition = StatusPartitioning.partitionOf(event.batchId(),
                        producer.partitionsFor(catalog.status().name()).size());
                producer.send(new ProducerRecord<>(catalog.status().name(), partition, event.itemId().toString(), event));
            }
            producer.flush();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", READ_KEY).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static String stateDir() {
        try {
            return Files.createDirectories(Path.of("target", "it-state", WebhookDeliveryIT.class.getSimpleName() + "-" + RUN))
                    .toAbsolutePath().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
