package io.genfleet.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.WorkerSettings;
import io.genfleet.worker.metrics.WorkerMetrics;
import io.genfleet.worker.provider.PermanentGenerationException;
import io.genfleet.worker.provider.ProviderInvoker;
import io.genfleet.worker.provider.RetryableGenerationException;
import io.genfleet.worker.provider.SimulatedProvider;
import io.genfleet.worker.retry.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** The listener's decisions, with the status topic replaced by a {@link MockProducer}. */
class GenerationListenerTest {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();

    /** KafkaTemplate closes a factory's producer after each send; this one keeps its history. */
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public void close() {
                }

                @Override
                public void close(Duration timeout) {
                }
            };
    private final ProviderInvoker provider = new ProviderInvoker(new SimulatedProvider(
            new WorkerSettings.Provider(Duration.ZERO, Duration.ZERO, 0.0, 42, Duration.ofSeconds(5))),
            Duration.ofSeconds(5));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GenerationListener listener = new GenerationListener(new RetryPolicy(CATALOG),
            new RequestReader(CATALOG), provider,
            new StatusPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), CATALOG,
                    Duration.ofSeconds(5)),
            new WorkerMetrics(meters));

    @AfterEach
    void close() {
        assertThat(meters.get("genfleet.generation.in.flight").tag("lane", "image").gauge().value())
                .as("no provider call is left counted as running").isZero();
        provider.close();
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, String itemKey, Simulation simulation) {
        GenerationRequest request = GenerationRequest.first(ItemId.of("b", itemKey), "p", simulation, Instant.now());
        return new ConsumerRecord<>(topic, 0, 0L, ("b/" + itemKey).getBytes(StandardCharsets.UTF_8),
                CATALOG.requests(request.lane()).valueSerde().serializer().serialize(topic, request));
    }

    private List<StatusEvent> sent() {
        return producer.history().stream().map(r -> {
            assertThat(r.topic()).isEqualTo("genfleet.status");
            StatusEvent event = CATALOG.status().valueSerde().deserializer().deserialize(r.topic(), r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.itemId().toString());
            return event;
        }).toList();
    }

    @Test
    void aSuccessfulAttemptReportsGeneratingThenComplete() {
        listener.onRequest(record("genfleet.image.requests", "scene_0", null));
        assertThat(sent()).extracting(e -> e.status() + "#" + e.attempt()).containsExactly("generating#1", "complete#1");
        assertThat(sent().get(1).resultUri()).isEqualTo("sim://b/scene_0/0-1.png");
        assertThat(meters.get("genfleet.generation.attempts").tags("lane", "image", "outcome", "complete").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void aRetryableFailureReportsFailedWithTheNextRetryTimeAndRethrows() {
        ConsumerRecord<byte[], byte[]> second = record("genfleet.video.requests-retry-2000", "video_scene_1",
                new Simulation(2, ErrorType.RATE_LIMITED, null));
        assertThatThrownBy(() -> listener.onRequest(second)).isInstanceOf(RetryableGenerationException.class);
        List<StatusEvent> events = sent();
        assertThat(events).extracting(e -> e.status() + "#" + e.attempt()).containsExactly("generating#2", "failed#2");
        StatusEvent failed = events.get(1);
        assertThat(failed.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(Duration.between(failed.at(), failed.nextRetryAt())).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theLastAttemptReportsNothingAfterGeneratingAndLeavesTheFailureToTheDeadLetterListener() {
        ConsumerRecord<byte[], byte[]> last = record("genfleet.image.requests-retry-8000", "scene_2",
                new Simulation(4, null, null));
        assertThatThrownBy(() -> listener.onRequest(last)).isInstanceOf(RetryableGenerationException.class);
        assertThat(sent()).extracting(StatusEvent::status).containsExactly(ItemStatus.GENERATING);
    }

    @Test
    void aPermanentFailureGetsNoFailedEvent() {
        ConsumerRecord<byte[], byte[]> refused = record("genfleet.image.requests", "scene_3",
                new Simulation(1, ErrorType.CONTENT_POLICY, null));
        assertThatThrownBy(() -> listener.onRequest(refused)).isInstanceOf(PermanentGenerationException.class);
        assertThat(sent()).extracting(StatusEvent::status).containsExactly(ItemStatus.GENERATING);
    }

    @Test
    void anUnreadableRecordReportsNothing() {
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("genfleet.image.requests", 0, 0L,
                "b/scene_0".getBytes(StandardCharsets.UTF_8), "{".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> listener.onRequest(poison)).isInstanceOf(InvalidMessageException.class);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aReplayedRequestStartsAFreshChain() {
        ConsumerRecord<byte[], byte[]> replayed = record("genfleet.image.requests", "scene_4", null);
        replayed.headers().add("retry_topic-attempts", new byte[] {0, 0, 0, 4});
        replayed.headers().add("genfleet-attempts", "4".getBytes(StandardCharsets.UTF_8));
        listener.onRequest(replayed);
        assertThat(replayed.headers().toArray()).isEmpty();
        assertThat(sent()).extracting(e -> e.status() + "#" + e.attempt()).containsExactly("generating#1", "complete#1");
    }
}
