package io.genfleet.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Test;

/**
 * On the real broker: an owner that dies with one generation still running leaves a commit whose metadata names
 * the records it finished after that one, and the next owner of the partition runs only the unfinished record
 * (and what was never started), not everything after the committed offset.
 */
class CompletedOffsetsIT {

    private static final int RECORDS = 20;
    private final String topic = "it-completed-" + UUID.randomUUID().toString().substring(0, 8);
    private final String group = topic + "-group";
    private final TopicPartition partition = new TopicPartition(topic, 0);

    @Test
    void theNextOwnerRunsOnlyWhatThePreviousOwnerHadNotFinished() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            publish();

            // The first owner finishes every record but offset 3, which hangs (a slow generation), then dies.
            Map<Long, CompletableFuture<Void>> firstOwner = new ConcurrentHashMap<>();
            Running first = start((record, callEnded) -> record.offset() == 3
                    ? firstOwner.computeIfAbsent(record.offset(), o -> new CompletableFuture<>())
                    : firstOwner.computeIfAbsent(record.offset(), o -> CompletableFuture.completedFuture(null)));
            await().alias("the commit names the 16 records done above offset 3").atMost(Duration.ofSeconds(30))
                    .until(() -> CompletedOffsets.decode(3, committed(admin).metadata()).size() == RECORDS - 4);
            assertThat(committed(admin).offset()).as("stuck behind the record in flight").isEqualTo(3);
            first.stopWithoutWaiting();

            Set<Long> secondOwner = ConcurrentHashMap.newKeySet();
            Running second = start((record, callEnded) -> {
                secondOwner.add(record.offset());
                return CompletableFuture.completedFuture(null);
            });
            await().alias("the second owner commits past every record").atMost(Duration.ofSeconds(30))
                    .until(() -> committed(admin).offset() == RECORDS);
            second.stopWithoutWaiting();

            assertThat(secondOwner).as("only the record that was in flight runs again").containsExactly(3L);
            assertThat(second.loop.skippedAsDone()).isEqualTo(RECORDS - 4);
        }
    }

    private record Running(TopicLoop loop, Thread thread) {

        /** Stops with a grace of 0.1 s: the hanging record is abandoned, as in a crash. */
        void stopWithoutWaiting() throws InterruptedException {
            loop.stop();
            thread.join(20_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private Running start(RecordHandler handler) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicLoop loop = new TopicLoop(topic, group, consumer, false, handler, new InFlightLimiter(100),
                Duration.ofMillis(100), Duration.ofMillis(100));
        Thread thread = new Thread(loop, "completed-offsets-it");
        thread.start();
        return new Running(loop, thread);
    }

    private void publish() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, 0, ("k" + i).getBytes(), new byte[0]));
            }
            producer.flush();
        }
    }

    private OffsetAndMetadata committed(Admin admin) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).get(partition);
        return offset == null ? new OffsetAndMetadata(0, "") : offset;
    }
}
