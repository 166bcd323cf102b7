package io.genfleet.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.generation.RequestReader;
import io.genfleet.worker.generation.StatusPublisher;
import io.genfleet.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/** The dead-letter listener's reports, with the status topic replaced by a {@link MockProducer}. */
class DeadLetterListenerTest {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();
    private static final String DLT = "genfleet.image.requests-dlt";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean brokerDown;
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                                org.apache.kafka.clients.producer.Callback callback) {
                    if (brokerDown) {
                        TimeoutException down = new TimeoutException("delivery timed out");
                        callback.onCompletion(null, down);
                        return CompletableFuture.failedFuture(down);
                    }
                    return super.send(record, callback);
                }

                /** The status topic's partitions: events go to their batch's partition. */
                @Override
                public synchronized java.util.List<org.apache.kafka.common.PartitionInfo> partitionsFor(String topic) {
                    return java.util.stream.IntStream.range(0, 3).mapToObj(partition ->
                            new org.apache.kafka.common.PartitionInfo(topic, partition, null, null, null)).toList();
                }

                @Override
                public void close() {
                }

                @Override
                public void close(Duration timeout) {
                }
            };
    private final DeadLetterListener listener = new DeadLetterListener(CATALOG, new RequestReader(CATALOG),
            new StatusPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), CATALOG,
                    Duration.ofSeconds(5)),
            new WorkerMetrics(meters));

    private static ConsumerRecord<byte[], byte[]> deadLetter(byte[] key, byte[] value, String attempts, String type) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(DLT, 1, 42L, key, value);
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8("genfleet.image.requests"));
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8("simulated transient failure"));
        if (attempts != null) {
            record.headers().add(ChainHeaders.ATTEMPTS, utf8(attempts));
        }
        record.headers().add(ChainHeaders.ERROR_TYPE, utf8(type));
        return record;
    }

    private static byte[] request(int epoch) {
        GenerationRequest request = GenerationRequest.first(ItemId.of("b", "scene_0"), "p", null, Instant.now());
        for (int i = 0; i < epoch; i++) {
            request = request.nextEpoch(4, Instant.now());
        }
        return CATALOG.requests(request.lane()).valueSerde().serializer().serialize(DLT, request);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<StatusEvent> sent() {
        return producer.history().stream()
                .map(r -> CATALOG.status().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private double counted(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aDeadLetterIsReportedFailedPermanentWithTheFailedAttemptAndWhereItLies() {
        listener.onDeadLetter(deadLetter(utf8("b/scene_0"), request(1), "4", "transient"));
        StatusEvent event = sent().get(0);
        assertThat(event.status()).isEqualTo(ItemStatus.FAILED_PERMANENT);
        assertThat(event.epoch()).isEqualTo(1);
        assertThat(event.attempt()).isEqualTo(4);
        assertThat(event.error().type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(event.error().message()).isEqualTo("simulated transient failure");
        assertThat(event.deadLetter()).isEqualTo(new DeadLetterRef(DLT, 1, 42));
        assertThat(counted("genfleet.dead.letters", "error_type", "transient")).isEqualTo(1);
    }

    @Test
    void aRedeliveredDeadLetterChangesNothing() {
        ConsumerRecord<byte[], byte[]> record = deadLetter(utf8("b/scene_0"), request(0), "1", "permanent");
        listener.onDeadLetter(record);
        listener.onDeadLetter(record);
        List<StatusEvent> events = sent();
        assertThat(events.get(1).order()).isEqualTo(events.get(0).order());
        ItemState once = ItemState.first(events.get(0), 50);
        assertThat(once.merge(events.get(1), 50)).as("the duplicate does not move the item").isEqualTo(once);
    }

    @Test
    void withoutTheAttemptsHeaderTheOriginTopicGivesTheAttempt() {
        listener.onDeadLetter(deadLetter(utf8("b/scene_0"), request(0), null, "permanent"));
        assertThat(sent().get(0).attempt()).isEqualTo(1);
    }

    @Test
    void anUnreadableDeadLetterIsCountedButNotReported() {
        listener.onDeadLetter(deadLetter(utf8("b/scene_0"), utf8("{oops"), "1", "invalid_message"));
        listener.onDeadLetter(deadLetter(null, request(0), "1", "invalid_message"));
        assertThat(producer.history()).isEmpty();
        assertThat(counted("genfleet.dead.letters", "error_type", "invalid_message")).isEqualTo(2);
    }

    @Test
    void aFailedReportIsCountedAndRethrownForTheLoopToGiveUpOn() {
        brokerDown = true;
        assertThatThrownBy(() -> listener.onDeadLetter(deadLetter(utf8("b/scene_0"), request(0), "4", "transient")))
                .isInstanceOf(org.springframework.kafka.KafkaException.class);
        assertThat(counted("genfleet.dead.letters.unreported", "lane", "image")).isEqualTo(1);
    }
}
