package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.genfleet.common.json.Json;
import io.genfleet.common.webhook.WebhookUrlPolicy;
import io.genfleet.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery loop's offsets against the real broker: a delivery that has not ended when the loop stops is not
 * committed, so the next loop of the group delivers it again with the same id (at least once), and a receiver that
 * hangs for the whole window does not hold up the delivery of the next record.
 */
class WebhookDeliveryLoopIT {

    private static final String SECRET = "loop-it-secret";

    private final String topic = "it-webhook-loop-" + UUID.randomUUID();
    private final String group = topic + "-group";
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer receiver;
    private String base;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/ok", exchange -> {
            ids.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()).get("id").asString());
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 200, -1);
            exchange.close();
        });
        receiver.createContext("/hang", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + "-dlt", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        producer.close();
        receiver.stop(0);
    }

    private WebhookDeliveryLoop loop(List<Duration> backoff, Duration timeout) {
        WebhookSender sender = new WebhookSender(new WebhookSignature(SECRET), new WebhookUrlPolicy(true, true), backoff,
                timeout, Clock.systemUTC());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        WebhookDeliveryLoop loop = new WebhookDeliveryLoop(consumer, topic,
                new WebhookDeliverer(sender, producer, topic + "-dlt", new WebhookMetrics(new SimpleMeterRegistry())), 4);
        loop.start();
        return loop;
    }

    private void publish(String id, String path) throws Exception {
        WebhookDelivery delivery = WebhookDelivery.of(base + path,
                new WebhookEvent(id, "batch.done", Instant.parse("2025-03-01T12:00:00Z"), Map.of("batchId", "b")));
        producer.send(new ProducerRecord<>(topic, "b", WebhookDelivery.SERDE.write(delivery))).get(30, TimeUnit.SECONDS);
    }

    private Optional<Long> committed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return Optional.ofNullable(offsets.get(new TopicPartition(topic, 0))).map(OffsetAndMetadata::offset);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeliveryStoppedBeforeItEndedIsNotCommittedAndIsDeliveredAgainWithTheSameId() throws Exception {
        failuresLeft.set(1_000);
        publish("b/batch.done/1", "/ok");
        WebhookDeliveryLoop first = loop(List.of(Duration.ofMillis(200), Duration.ofSeconds(30)), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(60)).alias("a first failed attempt").until(() -> !ids.isEmpty());

        first.close();
        // Expected: the delivery was interrupted in its backoff, not ended: nothing committed.
        assertThat(committed()).isEmpty();

        failuresLeft.set(0);
        int before = ids.size();
        WebhookDeliveryLoop second = loop(List.of(Duration.ofMillis(200)), Duration.ofSeconds(2));
        try {
            await().atMost(Duration.ofSeconds(60)).alias("delivered by the next loop, offset committed")
                    .until(() -> committed().equals(Optional.of(1L)));
            assertThat(ids.subList(before, ids.size())).containsOnly("b/batch.done/1").hasSize(1);
        } finally {
            second.close();
        }
    }

    @Test
    void aHangingReceiverDoesNotHoldUpTheNextDeliveryButHoldsTheCommitBehindIt() throws Exception {
        publish("b/batch.done/slow", "/hang");
        publish("b/batch.done/fast", "/ok");
        WebhookDeliveryLoop loop = loop(List.of(), Duration.ofSeconds(10));
        try {
            await().atMost(Duration.ofSeconds(60)).alias("the second record delivered").until(
                    () -> ids.contains("b/batch.done/fast"));
            // Expected: the first delivery still runs (3 s receiver): nothing committed yet, although the second ended.
            assertThat(committed()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).alias("both committed once the slow one ends")
                    .until(() -> committed().equals(Optional.of(2L)));
        } finally {
            loop.close();
        }
        assertThat(Set.copyOf(ids)).containsExactly("b/batch.done/fast");
    }
}
